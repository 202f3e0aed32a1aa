namespace Platform.Directory;

/// <summary>The kind of directory a domain runs; each has its own defaults for ids, logins, addresses and changes.</summary>
public enum DirectoryKind
{
    ActiveDirectory,
    OpenLdap,
    Zimbra,
}

namespace Platform.Directory.Settings;

/// <summary>How the connection to the directory is protected.</summary>
public enum DirectorySecurity
{
    /// <summary>Plain LDAP (port 389): the bind password crosses the network in clear text.</summary>
    None,

    /// <summary>LDAP on port 389 upgraded to TLS with the StartTLS extended operation before binding.</summary>
    StartTls,

    /// <summary>LDAP over TLS from the first byte (port 636).</summary>
    Ldaps,
}

public static class DirectorySecurityNames
{
    /// <summary>The setting's spelling in configuration and APIs: <c>none</c>, <c>starttls</c>, <c>ldaps</c>.</summary>
    public static string ToName(this DirectorySecurity security) => security switch
    {
        DirectorySecurity.None => "none",
        DirectorySecurity.StartTls => "starttls",
        DirectorySecurity.Ldaps => "ldaps",
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, null),
    };

    public static bool TryParse(string? name, out DirectorySecurity security)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "none":
                security = DirectorySecurity.None;
                return true;
            case "starttls":
                security = DirectorySecurity.StartTls;
                return true;
            case "ldaps":
                security = DirectorySecurity.Ldaps;
                return true;
            default:
                security = default;
                return false;
        }
    }
}

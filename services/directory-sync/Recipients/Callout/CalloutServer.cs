namespace Platform.DirectorySync.Recipients.Callout;

/// <summary>A domain's own mail server, asked about its recipients by SMTP callout.</summary>
public sealed record CalloutServer(string Host, int Port = 25)
{
    /// <summary>Host names are case-insensitive: one cache and one connection limit per server, however it is spelled.</summary>
    internal (string Host, int Port) Key => (Host.ToLowerInvariant(), Port);

    internal bool IsUsable => !string.IsNullOrWhiteSpace(Host) && Port is > 0 and <= 65535;
}

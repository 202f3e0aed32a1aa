namespace Platform.Directory;

/// <summary>Platform-wide settings for talking to customers' directories (configuration section <c>Directory</c>).</summary>
public sealed class DirectoryClientOptions
{
    /// <summary>
    /// The platform's outgoing IP addresses, named in timeout hints so that the customer can allow them in their
    /// firewall (<c>Directory:OutgoingAddresses:0..n</c>).
    /// </summary>
    public IList<string> OutgoingAddresses { get; init; } = [];

    /// <summary>At most this many connections to one directory (per settings) at a time; further callers wait.</summary>
    public int MaxConnectionsPerDirectory { get; set; } = 4;

    /// <summary>
    /// At most this many password checks against one directory at a time, each on a connection of their own pool (kept
    /// between checks and bound again for the next user, never used for the service account).
    /// </summary>
    public int MaxUserBindsPerDirectory { get; set; } = 8;

    /// <summary>At most this many idle pooled connections, across all directories.</summary>
    public int MaxIdleConnections { get; set; } = 64;

    /// <summary>An idle pooled connection older than this is closed (servers and firewalls drop idle connections).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A pooled connection opened longer ago than this is closed instead of reused, however busy: a directory keeps a
    /// bound connection's identity after the account was disabled, deleted or given a new password, so only a new
    /// bind shows that the service account was revoked. Logins and lookups keep a busy domain's connections from ever
    /// idling out; this bounds how long they go on as the old account.
    /// </summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Subtracted from our clock for a modifyTimestamp change mark when the directory does not publish its own time
    /// (OpenLDAP does not): covers clock skew between the platform and the directory.
    /// </summary>
    public TimeSpan ClockSkewAllowance { get; set; } = TimeSpan.FromMinutes(5);
}

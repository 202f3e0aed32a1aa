using Platform.Contracts;

namespace Platform.DirectorySync.Settings;

/// <summary>
/// A domain's directory settings as stored in its events: validated, normalized, without the bind password (which
/// is kept apart, encrypted). Names follow the API: kind <c>activeDirectory</c>/<c>openLdap</c>/<c>zimbra</c>,
/// security <c>none</c>/<c>starttls</c>/<c>ldaps</c>.
/// </summary>
public sealed record SavedSettings
{
    public required string Kind { get; init; }
    public required string Host { get; init; }
    public int? Port { get; init; }
    public required string Security { get; init; }
    public string? CaCertificatePem { get; init; }
    public string? FailoverHost { get; init; }
    public required int ConnectTimeoutSeconds { get; init; }
    public required int OperationTimeoutSeconds { get; init; }
    public string? BindDn { get; init; }
    public required string BaseDn { get; init; }
    public string? SearchAttribute { get; init; }
    public string? ExtraFilter { get; init; }
    public string? UserBindTemplate { get; init; }

    /// <summary>Domains the directory's logins may end in besides this one (normalized, never the domain itself).</summary>
    public IReadOnlyList<string>? LoginSuffixes { get; init; }
    public DirectoryAttributeOverrides? Attributes { get; init; }

    /// <summary>Whether the scheduler syncs this domain on its own (manual syncs work either way).</summary>
    public required bool AutomaticSync { get; init; }

    public required int SyncIntervalMinutes { get; init; }

    /// <summary>The share of users (percent) one run may remove before removals wait for an admin.</summary>
    public required int DeletionThresholdPercent { get; init; }
}

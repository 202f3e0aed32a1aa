using Platform.Contracts;
using Platform.Security;

namespace Platform.DirectorySync.Settings;

/// <summary>
/// The body of <c>PUT /v1/domains/{domain}/directory</c>. <see cref="BindPassword"/> is write-only: left out, the
/// saved one is kept; an empty string removes it.
/// </summary>
public sealed record DirectorySettingsDocument
{
    public string? Kind { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? Security { get; init; }
    public string? CaCertificatePem { get; init; }
    public string? FailoverHost { get; init; }
    public int? ConnectTimeoutSeconds { get; init; }
    public int? OperationTimeoutSeconds { get; init; }
    public string? BindDn { get; init; }
    public Secret? BindPassword { get; init; }
    public string? BaseDn { get; init; }
    public string? SearchAttribute { get; init; }
    public string? ExtraFilter { get; init; }
    public string? UserBindTemplate { get; init; }

    /// <summary>Domains the directory's logins may end in besides this one (UPN suffixes), for logins that are not addresses.</summary>
    public IReadOnlyList<string>? LoginSuffixes { get; init; }
    public DirectoryAttributeOverrides? Attributes { get; init; }
    public bool? AutomaticSync { get; init; }
    public int? SyncIntervalMinutes { get; init; }
    public int? DeletionThresholdPercent { get; init; }
}

/// <summary>
/// A domain's directory settings as <c>GET /v1/domains/{domain}/directory</c> returns them: never the password, only
/// whether there is one; and what the admin should know (<see cref="Warnings"/>).
/// </summary>
public sealed record DirectorySettingsView(
    string Domain,
    SavedSettings Settings,
    bool HasBindPassword,
    long Version,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<SettingsWarning> Warnings)
{
    /// <summary>On a save: the full sync the change started (automatic sync on, and what is read changed), else null.</summary>
    public Guid? SyncRunId { get; init; }
}

/// <summary>Something about saved settings that works but that the admin should act on; <see cref="Code"/> is stable.</summary>
public sealed record SettingsWarning(string Code, string Message);

using System.Text.Json;
using Platform.Contracts;

namespace Platform.Panel.Backends;

// directory-sync's answers, as far as the pages show them (its Settings/, Testing/ and History/ views); the
// attribute overrides are the contracts' own record.

/// <summary>The body of <c>PUT …/directory</c>; a null member is left out.</summary>
public sealed record DirectoryDocument
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

    /// <summary>Write-only: left out (null), the saved one is kept.</summary>
    public string? BindPassword { get; init; }
    public string? BaseDn { get; init; }
    public string? SearchAttribute { get; init; }
    public string? ExtraFilter { get; init; }
    public IReadOnlyList<string>? LoginSuffixes { get; init; }
    public DirectoryAttributeOverrides? Attributes { get; init; }
    public bool? AutomaticSync { get; init; }
    public int? SyncIntervalMinutes { get; init; }
    public int? DeletionThresholdPercent { get; init; }

    public override string ToString() => $"directory settings for {Host}";
}

/// <summary>The saved settings (never the password: only whether there is one) and what the admin should know.</summary>
public sealed record DirectorySettingsView(
    string Domain, SavedDirectory Settings, bool HasBindPassword, long Version, string? UpdatedBy, DateTimeOffset? UpdatedAt,
    IReadOnlyList<SettingsWarning> Warnings, Guid? SyncRunId);

public sealed record SavedDirectory
{
    public required string Kind { get; init; }
    public required string Host { get; init; }
    public int? Port { get; init; }
    public required string Security { get; init; }
    public string? CaCertificatePem { get; init; }
    public string? FailoverHost { get; init; }
    public int ConnectTimeoutSeconds { get; init; }
    public int OperationTimeoutSeconds { get; init; }
    public string? BindDn { get; init; }
    public required string BaseDn { get; init; }
    public string? SearchAttribute { get; init; }
    public string? ExtraFilter { get; init; }
    public IReadOnlyList<string>? LoginSuffixes { get; init; }
    public DirectoryAttributeOverrides? Attributes { get; init; }
    public bool AutomaticSync { get; init; }
    public int SyncIntervalMinutes { get; init; }
    public int DeletionThresholdPercent { get; init; }
}

public sealed record SettingsWarning(string Code, string Message);

/// <summary>Save &amp; test's answer: each step, the classified failure with its hint, the users found and the dry run.</summary>
public sealed record ConnectionTestView(
    string Host, bool Succeeded, IReadOnlyList<TestStep> Steps, TestFailure? Failure, int UsersWithAddress, int EntryProblems,
    FailoverTest? Failover, DryRun? DryRun, TestFailure? DryRunFailure);

public sealed record FailoverTest(string Host, bool Succeeded, IReadOnlyList<TestStep> Steps, TestFailure? Failure, int UsersWithAddress);

/// <param name="Result">ok, failed or skipped.</param>
/// <param name="DetailCode">What a passed or skipped step found (directory-sync's <c>ConnectionTestDetailCodes</c>), with <paramref name="Values"/>.</param>
public sealed record TestStep(string Name, string Result, long DurationMs, string? Detail, string? DetailCode = null, IReadOnlyDictionary<string, string>? Values = null);

/// <summary>
/// A classified directory failure: a stable code, what happened and what to do in the service's English, the case of the
/// code (<c>reason</c>) and the values the words name, for the panel's own words (<c>DirectoryFailureWords</c>).
/// </summary>
public sealed record TestFailure(string Code, string Message, string Hint, string? Reason = null, IReadOnlyDictionary<string, string>? Values = null);

/// <summary>What a full sync would change now.</summary>
public sealed record DryRun(
    int Users, int KnownUsers, int DeletionThresholdPercent, bool ChangesNothing, ChangeList<DryRunUser> Added, ChangeList<DryRunUpdate> Updated,
    ChangeList<DryRunUser> Disabled, ChangeList<DryRunUser> Enabled, ChangeList<DryRunUser> Removed, ChangeList<DryRunUser> HeldRemovals, string? HoldReason);

public sealed record ChangeList<T>(int Count, IReadOnlyList<T> Examples);

public sealed record DryRunUser(string DirectoryId, string Email, string? DisplayName, bool Disabled);

public sealed record DryRunUpdate(string DirectoryId, string Email, string? PreviousEmail, IReadOnlyList<string> Changed);

public sealed record SyncAccepted(Guid RunId, string Status, bool AlreadyQueued);

public sealed record SyncRunView(
    Guid RunId, string Trigger, string RequestedBy, DateTimeOffset RequestedAt, string Status, string? Mode, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, SyncCounts? Counts, SyncError? Error, HeldRemovals? HeldRemovals);

public sealed record SyncCounts(int Users, int Added, int Updated, int Disabled, int Enabled, int Removed, int Held, int Problems);

/// <summary>
/// Why a run failed: a stable code and directory-sync's English (what happened and what to do), with the directory
/// failure's case (<c>reason</c>) and values as a connection test's <see cref="TestFailure"/> has them (none for runs of before).
/// </summary>
public sealed record SyncError(string Code, string Message, string? Reason = null, IReadOnlyDictionary<string, string>? Values = null);

/// <param name="Decision">confirmed, dismissed or null while it waits for an admin.</param>
public sealed record HeldRemovals(string Reason, int Count, string? Decision, string? DecidedBy);

/// <param name="Change">added, updated, disabled, enabled, removed, removalHeld or skipped.</param>
public sealed record SyncChange(long Id, string Change, string? DirectoryId, string? Email, JsonElement Detail);

public sealed record SyncRunDetails(SyncRunView Run, IReadOnlyList<SyncChange> Changes, long? NextAfter);

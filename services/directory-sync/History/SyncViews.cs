using System.Text.Json;

namespace Platform.DirectorySync.History;

/// <summary>One sync run as the history API shows it.</summary>
public sealed record SyncRunView(
    Guid RunId,
    string Domain,
    string Trigger,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string Status,
    string? Mode,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    SyncCounts? Counts,
    SyncError? Error,
    HeldRemovalsView? HeldRemovals);

public sealed record SyncCounts(int Users, int Added, int Updated, int Disabled, int Enabled, int Removed, int Held, int Problems);

/// <summary>
/// Why a run failed: a stable <see cref="Code"/> (e.g. timeout, invalid_service_credentials) and what to do, in English;
/// for a directory's failure also its <see cref="Reason"/> (<c>DirectoryFailureReasons</c>, or null) and the
/// <see cref="Values"/> the message names (<c>DirectoryFailureValues</c>: host, port, bind DN, …, never a password), as
/// a connection test's failure has them. Empty for a run that failed before they were kept.
/// </summary>
public sealed record SyncError(string Code, string Message, string? Reason, IReadOnlyDictionary<string, string> Values);

/// <summary>Removals the deletion guard held: why, how many, and the admin's decision (confirmed/dismissed) if any.</summary>
public sealed record HeldRemovalsView(string Reason, int Count, string? Decision, string? DecidedBy);

/// <summary>One user the run changed or skipped: added, updated, disabled, enabled, removed, removalHeld or skipped.</summary>
public sealed record SyncChangeView(long Id, string Change, string? DirectoryId, string? Email, JsonElement Detail);

/// <summary>A run with a page of its changes; <see cref="NextAfter"/> continues the listing (null at the end).</summary>
public sealed record SyncRunDetails(SyncRunView Run, IReadOnlyList<SyncChangeView> Changes, long? NextAfter);

/// <summary>The answer to a sync request: the run that will do it.</summary>
public sealed record SyncAccepted(Guid RunId, string Status, bool AlreadyQueued);

namespace Platform.DirectorySync.Sync;

/// <summary>An event of one sync run's stream <c>sync-run/{domain}/{runId}</c>.</summary>
public abstract record SyncRunEvent;

/// <summary>A run was asked for (by an admin, a settings change or the schedule) and waits for a worker.</summary>
/// <param name="Mode">What the requester asked for (<c>full</c> or <c>changes</c>); null lets the run decide.</param>
public sealed record SyncRunRequested(string Domain, Guid RunId, string Trigger, string RequestedBy, DateTimeOffset At, string? Mode = null) : SyncRunEvent;

public sealed record SyncRunStarted(string Domain, Guid RunId, string Mode, DateTimeOffset At) : SyncRunEvent;

/// <summary>The run finished; <see cref="ChangeMark"/> is where the next changed-only run starts.</summary>
public sealed record SyncRunCompleted(
    string Domain, Guid RunId, int Users, int Added, int Updated, int Disabled, int Enabled, int Removed, int Held,
    IReadOnlyList<SyncProblem> Problems, string? ChangeMark, DateTimeOffset At) : SyncRunEvent;

/// <summary>The run failed with <see cref="ErrorCode"/> and the English <see cref="Message"/>.</summary>
/// <param name="Reason">The directory failure's case (<c>DirectoryFailureReasons</c>), or null; null in events of before it was kept.</param>
/// <param name="Values">What the failure's words name (<c>DirectoryFailureValues</c>: host, port, bind DN, …, never a password); null in events of before.</param>
public sealed record SyncRunFailed(
    string Domain, Guid RunId, string ErrorCode, string Message, DateTimeOffset At,
    string? Reason = null, IReadOnlyDictionary<string, string>? Values = null) : SyncRunEvent;

/// <summary>The deletion guard held these removals; they wait for an admin.</summary>
public sealed record RemovalsHeld(string Domain, Guid RunId, string Reason, IReadOnlyList<HeldRemoval> Users, DateTimeOffset At) : SyncRunEvent;

/// <summary>An admin let the held removals of a run through, or dismissed them (the users stay).</summary>
public sealed record HeldRemovalsDecided(string Domain, Guid RunId, bool Confirmed, string DecidedBy, DateTimeOffset At) : SyncRunEvent;

public sealed record HeldRemoval(string DirectoryId, string Email);

/// <summary>An entry the run skipped, and why (a code of EntryProblemCodes or SyncProblemCodes).</summary>
public sealed record SyncProblem(string Dn, string Code, string Message);

namespace Platform.Contracts;

/// <summary>How a directory sync run was started.</summary>
public static class SyncTriggers
{
    public const string Schedule = "schedule";
    public const string Manual = "manual";
    public const string SettingsChanged = "settingsChanged";
}

/// <summary>What a directory sync run read: everything, or only what changed since the last run.</summary>
public static class SyncModes
{
    public const string Full = "full";
    public const string Changes = "changes";
}

/// <summary>A directory sync run finished; the counts are what it changed in the managed list of email users.</summary>
public sealed record DirectorySyncCompleted
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required Guid SyncRunId { get; init; }

    /// <summary>One of <see cref="SyncTriggers"/>.</summary>
    public required string Trigger { get; init; }

    /// <summary>One of <see cref="SyncModes"/>.</summary>
    public required string Mode { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Users with an address the directory returned.</summary>
    public required int Users { get; init; }

    public required int Added { get; init; }
    public required int Updated { get; init; }
    public required int Disabled { get; init; }
    public required int Enabled { get; init; }
    public required int Removed { get; init; }

    /// <summary>Removals the deletion guard held back for an admin to confirm or dismiss.</summary>
    public required int RemovalsHeld { get; init; }

    /// <summary>Entries skipped as malformed or duplicate (reported in the run's history).</summary>
    public required int Problems { get; init; }
}

/// <summary>A directory sync run failed: nothing was removed. <see cref="ErrorCode"/> is the classified failure.</summary>
public sealed record DirectorySyncFailed
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required Guid SyncRunId { get; init; }
    public required string Trigger { get; init; }
    public required string Mode { get; init; }
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>e.g. <c>connection_refused</c>, <c>timeout</c>, <c>invalid_service_credentials</c>, <c>no_users_found</c>.</summary>
    public required string ErrorCode { get; init; }

    /// <summary>What went wrong, for an admin; never contains a password.</summary>
    public required string Message { get; init; }
}

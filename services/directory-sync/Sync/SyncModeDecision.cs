using Platform.Contracts;

namespace Platform.DirectorySync.Sync;

/// <summary>Whether a run reads everything or only what changed. Pure.</summary>
public static class SyncModeDecision
{
    /// <summary>Changed-only searches cannot see deletions: a full sync runs at least this often.</summary>
    public static readonly TimeSpan FullSyncAtLeastEvery = TimeSpan.FromDays(1);

    /// <param name="trigger">One of <see cref="SyncTriggers"/>: an admin's run or new settings always read everything.</param>
    /// <param name="lastMark">Where the last completed run left off; null when there is none.</param>
    /// <param name="lastFullSyncAt">When the last full run completed; null when none did.</param>
    public static string Decide(string trigger, string? lastMark, DateTimeOffset? lastFullSyncAt, DateTimeOffset now) =>
        trigger != SyncTriggers.Schedule || lastMark is null || lastFullSyncAt is null || now - lastFullSyncAt >= FullSyncAtLeastEvery
            ? SyncModes.Full
            : SyncModes.Changes;
}

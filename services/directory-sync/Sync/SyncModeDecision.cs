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
    /// <param name="requested">What an admin asked for: <c>changes</c> is honoured when there is a mark to start from.</param>
    public static string Decide(string trigger, string? requested, string? lastMark, DateTimeOffset? lastFullSyncAt, DateTimeOffset now)
    {
        if (lastMark is null || lastFullSyncAt is null || now - lastFullSyncAt >= FullSyncAtLeastEvery)
        {
            return SyncModes.Full;
        }

        return requested ?? (trigger == SyncTriggers.Schedule ? SyncModes.Changes : SyncModes.Full);
    }
}

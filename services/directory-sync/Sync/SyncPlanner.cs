using Platform.Directory.Search;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// Decides what a sync run changes: the directory's entries diffed against the managed list by stable id (an address
/// can change, the id does not), with the deletion guard applied. Pure: no I/O, same answer for the same input.
/// </summary>
public static class SyncPlanner
{
    /// <param name="known">The domain's directory users in the managed list (not removed).</param>
    /// <param name="found">What the directory returned, users and unusable entries, in search order.</param>
    /// <param name="full">
    /// A full search sees every user, so a known user it does not return is gone; a changed-only search sees no
    /// deletions, so it never removes.
    /// </param>
    /// <param name="deletionThreshold">The share of known users (0..1) a run may remove without an admin's confirmation.</param>
    public static SyncPlan Plan(IReadOnlyCollection<KnownUser> known, IEnumerable<DirectoryEntry> found, bool full, double deletionThreshold)
    {
        var builder = new SyncPlanBuilder(known);
        foreach (var entry in found)
        {
            builder.Add(entry);
        }

        return builder.Build(full, deletionThreshold);
    }

    /// <summary>Why removing <paramref name="removals"/> of <paramref name="known"/> users must wait for an admin; null when it need not.</summary>
    public static string? HoldReason(int removals, int known, int found, double deletionThreshold)
    {
        if (removals == 0)
        {
            return null;
        }

        if (found == 0)
        {
            return HoldReasons.NoUsersFound;
        }

        return removals > deletionThreshold * known ? HoldReasons.AboveThreshold : null;
    }
}

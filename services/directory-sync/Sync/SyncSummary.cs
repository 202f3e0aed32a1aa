using Platform.Directory.Search;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// What a completed run did, as its history, event and metrics record it: counts, held removals and skipped entries
/// — without the users themselves (an import never holds all it added).
/// </summary>
public sealed record SyncSummary(
    int Users,
    int Added,
    int Updated,
    int Disabled,
    int Enabled,
    int Removed,
    IReadOnlyList<KnownUser> HeldRemovals,
    string? HoldReason,
    IReadOnlyList<EntryProblem> Problems)
{
    public static SyncSummary Of(SyncPlan plan) => new(plan.Users, plan.Added.Count, plan.Updated.Count, plan.Disabled.Count, plan.Enabled.Count,
        plan.Removed.Count, plan.HeldRemovals, plan.HoldReason, plan.Problems);
}

using Platform.Directory.Search;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// What one sync run changes in the managed list. A user may be both <see cref="Updated"/> and
/// <see cref="Disabled"/>/<see cref="Enabled"/>. <see cref="Removed"/> are applied; <see cref="HeldRemovals"/> wait
/// for an admin because of <see cref="HoldReason"/>.
/// </summary>
public sealed record SyncPlan(
    int Users,
    IReadOnlyList<DirectoryUser> Added,
    IReadOnlyList<UserUpdate> Updated,
    IReadOnlyList<KnownUser> Disabled,
    IReadOnlyList<KnownUser> Enabled,
    IReadOnlyList<KnownUser> Removed,
    IReadOnlyList<KnownUser> HeldRemovals,
    string? HoldReason,
    IReadOnlyList<EntryProblem> Problems)
{
    public bool ChangesNothing =>
        Added.Count + Updated.Count + Disabled.Count + Enabled.Count + Removed.Count + HeldRemovals.Count == 0;
}

/// <summary>A known user whose address, aliases or name the directory now gives differently.</summary>
public sealed record UserUpdate(KnownUser Before, DirectoryUser After)
{
    public bool AddressChanged => !string.Equals(Before.Email, After.PrimaryAddress, StringComparison.Ordinal);
}

/// <summary>Why removals were held back instead of applied.</summary>
public static class HoldReasons
{
    /// <summary>The directory returned no user at all: more likely a wrong base DN or filter than an empty company.</summary>
    public const string NoUsersFound = "no_users_found";

    /// <summary>The run would remove more than the domain's deletion threshold of its users.</summary>
    public const string AboveThreshold = "above_threshold";
}

/// <summary>The stable codes of entries a sync skips, beside <see cref="EntryProblemCodes"/>.</summary>
public static class SyncProblemCodes
{
    /// <summary>Two entries with the same stable id (e.g. the same object seen twice across a referral).</summary>
    public const string DuplicateId = "duplicate_id";

    /// <summary>An entry claims an address another user of the directory already has.</summary>
    public const string DuplicateAddress = "duplicate_address";
}

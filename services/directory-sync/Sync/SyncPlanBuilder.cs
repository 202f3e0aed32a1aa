using Platform.Directory.Search;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// Plans a sync one directory entry at a time, as the pages arrive: what it keeps is the managed list it was given,
/// the ids and addresses seen, and what changes — never the directory's unchanged entries. Gives exactly the plan of
/// <see cref="SyncPlanner.Plan"/> (which is built on it): known users claim their addresses in search order as they
/// come; newcomers wait to the end, since a known user further on keeps an address a newcomer claims too.
/// </summary>
public sealed class SyncPlanBuilder
{
    private readonly IReadOnlyCollection<KnownUser> _known;
    private readonly Dictionary<string, KnownUser> _knownById;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);
    private readonly List<EntryProblem> _entryProblems = [];
    private readonly List<EntryProblem> _addressProblems = [];
    private readonly List<DirectoryUser> _newcomers = [];
    private readonly List<UserUpdate> _updated = [];
    private readonly List<KnownUser> _disabled = [];
    private readonly List<KnownUser> _enabled = [];
    private int _accepted;

    /// <param name="known">The domain's directory users in the managed list (not removed).</param>
    public SyncPlanBuilder(IReadOnlyCollection<KnownUser> known)
    {
        _known = known;
        _knownById = known.ToDictionary(u => u.DirectoryId, StringComparer.Ordinal);
    }

    /// <summary>Distinct users seen so far, accepted or not.</summary>
    public int Users => _seen.Count;

    /// <summary>Takes the next entry in search order.</summary>
    public void Add(DirectoryEntry entry)
    {
        if (entry is EntryProblem problem)
        {
            _entryProblems.Add(problem);
            return;
        }

        if (entry is not DirectoryUser user)
        {
            return;
        }

        var before = _knownById.GetValueOrDefault(user.Id);
        // A known user's id is kept as the managed list's own string: the entry itself can go.
        if (!_seen.Add(before?.DirectoryId ?? user.Id))
        {
            _entryProblems.Add(new EntryProblem(user.Dn, SyncProblemCodes.DuplicateId, $"Another entry has the same id {user.Id}; this one was skipped."));
            return;
        }

        if (before is null)
        {
            _newcomers.Add(user);
            return;
        }

        if (!TryClaim(user, before))
        {
            return;
        }

        if (!SameDetails(before, user))
        {
            _updated.Add(new UserUpdate(before, user));
        }

        if (user.Disabled && !before.Disabled)
        {
            _disabled.Add(before);
        }
        else if (!user.Disabled && before.Disabled)
        {
            _enabled.Add(before);
        }
    }

    /// <param name="full">
    /// A full search sees every user, so a known user it does not return is gone; a changed-only search sees no
    /// deletions, so it never removes.
    /// </param>
    /// <param name="deletionThreshold">The share of known users (0..1) a run may remove without an admin's confirmation.</param>
    public SyncPlan Build(bool full, double deletionThreshold)
    {
        var added = new List<DirectoryUser>();
        foreach (var newcomer in _newcomers)
        {
            if (TryClaim(newcomer, before: null))
            {
                added.Add(newcomer);
            }
        }

        _newcomers.Clear();
        var gone = full ? _known.Where(u => !_seen.Contains(u.DirectoryId)).OrderBy(u => u.Email, StringComparer.Ordinal).ToList() : [];
        var hold = SyncPlanner.HoldReason(gone.Count, _known.Count, _seen.Count, deletionThreshold);
        return new SyncPlan(
            _accepted, added, _updated, _disabled, _enabled,
            Removed: hold is null ? gone : [],
            HeldRemovals: hold is null ? [] : gone,
            hold,
            [.. _entryProblems, .. _addressProblems]);
    }

    private bool TryClaim(DirectoryUser candidate, KnownUser? before)
    {
        if (candidate.AllAddresses().FirstOrDefault(_claimed.Contains) is { } taken)
        {
            _addressProblems.Add(new EntryProblem(candidate.Dn, SyncProblemCodes.DuplicateAddress,
                $"{taken} is already the address of another user of this directory; this entry was skipped."));
            return false;
        }

        foreach (var address in candidate.AllAddresses())
        {
            _claimed.Add(before is null ? address : Same(address, before));
        }

        _accepted++;
        return true;
    }

    /// <summary>The managed list's own copy of an address it already has, so the entry's copy can go.</summary>
    private static string Same(string address, KnownUser before) =>
        string.Equals(address, before.Email, StringComparison.Ordinal) ? before.Email
            : before.Aliases.FirstOrDefault(a => string.Equals(a, address, StringComparison.Ordinal)) ?? address;

    private static bool SameDetails(KnownUser before, DirectoryUser after) =>
        string.Equals(before.Email, after.PrimaryAddress, StringComparison.Ordinal)
        && string.Equals(before.DisplayName, after.DisplayName, StringComparison.Ordinal)
        && before.Aliases.Order(StringComparer.Ordinal).SequenceEqual(after.Aliases.Order(StringComparer.Ordinal), StringComparer.Ordinal);
}

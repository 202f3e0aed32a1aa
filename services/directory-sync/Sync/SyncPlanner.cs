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
        var knownById = known.ToDictionary(u => u.DirectoryId, StringComparer.Ordinal);
        var problems = new List<EntryProblem>();
        var users = Distinct(found, problems);

        // Known users keep their addresses first, so a newcomer with a taken address is the one reported.
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in users.Where(u => knownById.ContainsKey(u.Id)).Concat(users.Where(u => !knownById.ContainsKey(u.Id))))
        {
            if (Addresses(candidate).FirstOrDefault(a => owners.ContainsKey(a)) is { } taken)
            {
                skipped.Add(candidate.Id);
                problems.Add(new EntryProblem(candidate.Dn, SyncProblemCodes.DuplicateAddress,
                    $"{taken} is already the address of another user of this directory; this entry was skipped."));
                continue;
            }

            foreach (var address in Addresses(candidate))
            {
                owners[address] = candidate.Id;
            }
        }

        var accepted = users.Where(u => !skipped.Contains(u.Id)).ToList();

        var added = new List<DirectoryUser>();
        var updated = new List<UserUpdate>();
        var disabled = new List<KnownUser>();
        var enabled = new List<KnownUser>();
        foreach (var entry in accepted)
        {
            if (!knownById.TryGetValue(entry.Id, out var before))
            {
                added.Add(entry);
                continue;
            }

            if (!SameDetails(before, entry))
            {
                updated.Add(new UserUpdate(before, entry));
            }

            if (entry.Disabled && !before.Disabled)
            {
                disabled.Add(before);
            }
            else if (!entry.Disabled && before.Disabled)
            {
                enabled.Add(before);
            }
        }

        var seen = users.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var gone = full ? known.Where(u => !seen.Contains(u.DirectoryId)).OrderBy(u => u.Email, StringComparer.Ordinal).ToList() : [];
        var hold = HoldReason(gone.Count, known.Count, users.Count, deletionThreshold);
        return new SyncPlan(
            accepted.Count, added, updated, disabled, enabled,
            Removed: hold is null ? gone : [],
            HeldRemovals: hold is null ? [] : gone,
            hold,
            problems);
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

    private static List<DirectoryUser> Distinct(IEnumerable<DirectoryEntry> found, List<EntryProblem> problems)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var users = new List<DirectoryUser>();
        foreach (var entry in found)
        {
            switch (entry)
            {
                case EntryProblem problem:
                    problems.Add(problem);
                    break;
                case DirectoryUser user when !ids.Add(user.Id):
                    problems.Add(new EntryProblem(user.Dn, SyncProblemCodes.DuplicateId,
                        $"Another entry has the same id {user.Id}; this one was skipped."));
                    break;
                case DirectoryUser user:
                    users.Add(user);
                    break;
            }
        }

        return users;
    }

    private static IEnumerable<string> Addresses(DirectoryUser user) => user.Aliases.Prepend(user.PrimaryAddress);

    private static bool SameDetails(KnownUser before, DirectoryUser after) =>
        string.Equals(before.Email, after.PrimaryAddress, StringComparison.Ordinal)
        && string.Equals(before.DisplayName, after.DisplayName, StringComparison.Ordinal)
        && before.Aliases.Order(StringComparer.Ordinal).SequenceEqual(after.Aliases.Order(StringComparer.Ordinal), StringComparer.Ordinal);
}

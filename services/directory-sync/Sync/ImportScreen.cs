using Platform.Directory.Search;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// The planner's rules for a domain that knows no user yet, one entry at a time, so an import can be written while
/// the directory is still being read: the first entry with an id or an address keeps it; later ones are reported.
/// For the same entries in the same order it accepts exactly what <see cref="SyncPlanner.Plan"/> adds.
/// </summary>
public sealed class ImportScreen
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _addresses = new(StringComparer.Ordinal);
    private readonly List<EntryProblem> _problems = [];
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);

    public IReadOnlyList<EntryProblem> Problems => _problems;

    /// <summary>Every distinct user id seen, accepted or not (a full read of the directory).</summary>
    public int Users { get; private set; }

    /// <summary>The user, when it is to be added; null when the entry is reported instead.</summary>
    public DirectoryUser? Accept(DirectoryEntry entry)
    {
        switch (entry)
        {
            case EntryProblem problem:
                _problems.Add(problem);
                return null;
            case DirectoryUser user when !_ids.Add(user.Id):
                _problems.Add(new EntryProblem(user.Dn, SyncProblemCodes.DuplicateId, $"Another entry has the same id {user.Id}; this one was skipped."));
                return null;
            case DirectoryUser user:
                var addresses = user.Aliases.Prepend(user.PrimaryAddress).ToList();
                if (addresses.FirstOrDefault(_addresses.Contains) is { } taken)
                {
                    _skipped.Add(user.Id);
                    _problems.Add(new EntryProblem(user.Dn, SyncProblemCodes.DuplicateAddress,
                        $"{taken} is already the address of another user of this directory; this entry was skipped."));
                    return null;
                }

                _addresses.UnionWith(addresses);
                Users++;
                return user;
            default:
                return null;
        }
    }
}

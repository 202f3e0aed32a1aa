namespace Platform.Directory.Search;

public enum LookupOutcome
{
    /// <summary>Exactly one usable user matched.</summary>
    Found,

    NotFound,

    /// <summary>Several entries matched (e.g. an address on two users): none is chosen.</summary>
    Ambiguous,

    /// <summary>One entry matched but cannot be used as a user (<see cref="UserLookup.Problem"/> says why).</summary>
    Unusable,
}

/// <summary>The result of finding one user by login or address.</summary>
public sealed record UserLookup(LookupOutcome Outcome, DirectoryUser? User = null, EntryProblem? Problem = null)
{
    public static UserLookup NotFound { get; } = new(LookupOutcome.NotFound);

    internal static UserLookup From(IReadOnlyList<DirectoryEntry> entries) => entries switch
    {
        [] => NotFound,
        [DirectoryUser user] => new UserLookup(LookupOutcome.Found, user),
        [EntryProblem problem] => new UserLookup(LookupOutcome.Unusable, Problem: problem),
        _ => new UserLookup(LookupOutcome.Ambiguous),
    };
}

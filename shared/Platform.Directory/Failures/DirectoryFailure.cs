using Platform.Directory.Search;
using Platform.Directory.Settings;

namespace Platform.Directory.Failures;

/// <summary>
/// A classified failure to talk to a directory: a stable <see cref="Code"/> (see <see cref="DirectoryFailureCodes"/>),
/// a <see cref="Message"/> saying what happened and a <see cref="Hint"/> saying what the admin can do. Never contains
/// a password.
/// </summary>
public sealed record DirectoryFailure(string Code, string Message, string Hint)
{
    private static readonly Dictionary<string, string> NoValues = [];

    /// <summary>
    /// Which of the code's cases it is, where they need different words (a certificate expired or untrusted, …): one of
    /// <see cref="DirectoryFailureReasons"/>, or null.
    /// </summary>
    public string? Reason { get; init; }

    /// <summary>
    /// The values <see cref="Message"/> and <see cref="Hint"/> name (<see cref="DirectoryFailureValues"/>), so a client
    /// can say the failure in its own words and language without parsing the English.
    /// </summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = NoValues;

    /// <summary>
    /// A search of <paramref name="settings"/>' primary host that found no user with an address, e.g. a sync's: its
    /// values name the host, base DN and filter.
    /// </summary>
    public static DirectoryFailure NoUsersFound(DirectorySettings settings) =>
        Failures.NoUsersFound(FailureContext.For(settings, settings.Host, []), UserSearch.Filter(settings, null));

    public override string ToString() => $"{Code}: {Message} {Hint}";
}

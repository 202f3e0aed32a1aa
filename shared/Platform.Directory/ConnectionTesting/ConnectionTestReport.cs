using Platform.Directory.Failures;
using Platform.Directory.Search;

namespace Platform.Directory.ConnectionTesting;

/// <summary>
/// The result of "save &amp; test": each step with its duration and result, the first failure (null when all went
/// well), how many users with an address were found, a sample of them, and the entries that could not be used.
/// </summary>
public sealed record ConnectionTestReport(
    IReadOnlyList<ConnectionTestStep> Steps,
    DirectoryFailure? Failure,
    int UsersWithAddress,
    IReadOnlyList<DirectoryUser> Sample,
    int EntryProblems,
    IReadOnlyList<EntryProblem> ProblemSample)
{
    public const int SampleSize = 10;

    public bool Succeeded => Failure is null;

    public ConnectionTestStep Step(string name) => Steps.Single(s => s.Name == name);
}

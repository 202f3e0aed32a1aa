using Platform.Directory.ConnectionTesting;
using Platform.Directory.Failures;
using Platform.Directory.Search;
using Platform.DirectorySync.Sync;

namespace Platform.DirectorySync.Testing;

/// <summary>
/// The answer of <c>POST /v1/domains/{domain}/directory/test</c>: how the test of <see cref="Host"/> went step by step,
/// the users it found, the failover host's own test, and what a sync would change now. Never a password.
/// </summary>
/// <param name="Source"><c>submitted</c> (the body's settings) or <c>saved</c>.</param>
/// <param name="DryRun">Null when no host could be searched.</param>
/// <param name="DryRunFailure">Why the dry run's search failed although the test passed (e.g. the directory went away meanwhile).</param>
public sealed record ConnectionTestResponse(
    string Domain,
    string Source,
    string Host,
    bool Succeeded,
    IReadOnlyList<TestStepView> Steps,
    TestFailureView? Failure,
    int UsersWithAddress,
    IReadOnlyList<SampleUserView> Sample,
    int EntryProblems,
    IReadOnlyList<EntryProblemView> EntryProblemSample,
    FailoverTestView? Failover,
    DryRunView? DryRun,
    TestFailureView? DryRunFailure);

/// <summary>The failover host's own test; the sync uses it when <see cref="ConnectionTestResponse.Host"/> is unreachable.</summary>
public sealed record FailoverTestView(
    string Host,
    bool Succeeded,
    IReadOnlyList<TestStepView> Steps,
    TestFailureView? Failure,
    int UsersWithAddress);

/// <param name="Name">resolve, connect, tls, bind, base_dn or search.</param>
/// <param name="Result">ok, failed or skipped.</param>
/// <param name="Detail">What the step found, or why it failed, in English.</param>
/// <param name="DetailCode">What a passed or skipped step found (<see cref="ConnectionTestDetailCodes"/>), with <paramref name="Values"/>.</param>
public sealed record TestStepView(string Name, string Result, long DurationMs, string? Detail, string? DetailCode, IReadOnlyDictionary<string, string> Values)
{
    public static TestStepView From(ConnectionTestStep step) => new(
        step.Name,
        step.Result switch { StepResult.Ok => "ok", StepResult.Failed => "failed", _ => "skipped" },
        (long)Math.Round(step.Duration.TotalMilliseconds),
        step.Detail ?? step.Failure?.Message,
        step.DetailCode,
        step.Values);
}

/// <summary>
/// A <see cref="DirectoryFailure"/>: <see cref="Code"/> is one of <see cref="DirectoryFailureCodes"/> (or the sync's
/// <c>directory_too_large</c>), <see cref="Reason"/> one of <see cref="DirectoryFailureReasons"/> or null, and
/// <see cref="Values"/> what the English <see cref="Message"/> and <see cref="Hint"/> name (<see cref="DirectoryFailureValues"/>).
/// </summary>
public sealed record TestFailureView(string Code, string Message, string Hint, string? Reason, IReadOnlyDictionary<string, string> Values)
{
    public static TestFailureView? From(DirectoryFailure? failure) =>
        failure is null ? null : new(failure.Code, failure.Message, failure.Hint, failure.Reason, failure.Values);
}

/// <summary>A user as the platform would read them from the directory.</summary>
public sealed record SampleUserView(string Email, IReadOnlyList<string> Aliases, string? DisplayName, bool Disabled, string? Login, string Dn)
{
    public static SampleUserView From(DirectoryUser user) =>
        new(user.PrimaryAddress, user.Aliases, user.DisplayName, user.Disabled, user.Login, user.Dn);
}

public sealed record EntryProblemView(string Dn, string Code, string Message)
{
    public static EntryProblemView From(EntryProblem problem) => new(problem.Dn, problem.Code, problem.Message);
}

/// <summary>
/// What a full sync would change in the managed list now, as counts with up to <see cref="ExampleCount"/> examples
/// each. <see cref="HeldRemovals"/> would wait for an admin because of <see cref="HoldReason"/>.
/// </summary>
/// <param name="Users">Directory users a sync would keep (without skipped entries).</param>
/// <param name="KnownUsers">Users in the managed list now.</param>
public sealed record DryRunView(
    int Users,
    int KnownUsers,
    int DeletionThresholdPercent,
    bool ChangesNothing,
    ChangeList<DryRunUserView> Added,
    ChangeList<DryRunUpdateView> Updated,
    ChangeList<DryRunUserView> Disabled,
    ChangeList<DryRunUserView> Enabled,
    ChangeList<DryRunUserView> Removed,
    ChangeList<DryRunUserView> HeldRemovals,
    string? HoldReason,
    ChangeList<EntryProblemView> Problems)
{
    public const int ExampleCount = 20;

    public static DryRunView From(SyncPlan plan, int knownUsers, int deletionThresholdPercent) => new(
        plan.Users,
        knownUsers,
        deletionThresholdPercent,
        plan.ChangesNothing,
        ChangeList.Of(plan.Added, DryRunUserView.From),
        ChangeList.Of(plan.Updated, DryRunUpdateView.From),
        // The plan names them as they were; show them as they will be.
        ChangeList.Of(plan.Disabled, u => DryRunUserView.From(u) with { Disabled = true }),
        ChangeList.Of(plan.Enabled, u => DryRunUserView.From(u) with { Disabled = false }),
        ChangeList.Of(plan.Removed, DryRunUserView.From),
        ChangeList.Of(plan.HeldRemovals, DryRunUserView.From),
        plan.HoldReason,
        ChangeList.Of(plan.Problems, EntryProblemView.From));
}

/// <summary>How many, and the first few.</summary>
public sealed record ChangeList<T>(int Count, IReadOnlyList<T> Examples);

public static class ChangeList
{
    public static ChangeList<TView> Of<T, TView>(IReadOnlyList<T> items, Func<T, TView> view) =>
        new(items.Count, [.. items.Take(DryRunView.ExampleCount).Select(view)]);
}

public sealed record DryRunUserView(string DirectoryId, string Email, IReadOnlyList<string> Aliases, string? DisplayName, bool Disabled)
{
    public static DryRunUserView From(DirectoryUser user) => new(user.Id, user.PrimaryAddress, user.Aliases, user.DisplayName, user.Disabled);

    public static DryRunUserView From(KnownUser user) => new(user.DirectoryId, user.Email, user.Aliases, user.DisplayName, user.Disabled);
}

/// <summary>A known user the directory now gives differently: <see cref="Changed"/> names what (email, aliases, displayName).</summary>
public sealed record DryRunUpdateView(
    string DirectoryId, string Email, string? PreviousEmail, IReadOnlyList<string> Aliases, string? DisplayName, IReadOnlyList<string> Changed)
{
    public static DryRunUpdateView From(UserUpdate update)
    {
        var (before, after) = (update.Before, update.After);
        var changed = new List<string>();
        if (update.AddressChanged)
        {
            changed.Add("email");
        }

        if (!before.Aliases.Order(StringComparer.Ordinal).SequenceEqual(after.Aliases.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            changed.Add("aliases");
        }

        if (!string.Equals(before.DisplayName, after.DisplayName, StringComparison.Ordinal))
        {
            changed.Add("displayName");
        }

        return new(after.Id, after.PrimaryAddress, update.AddressChanged ? before.Email : null, after.Aliases, after.DisplayName, changed);
    }
}

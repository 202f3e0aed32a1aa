using System.Diagnostics;
using System.Globalization;
using Platform.Directory.Connections;
using Platform.Directory.Failures;
using Platform.Directory.Search;
using Platform.Directory.Settings;

namespace Platform.Directory.ConnectionTesting;

/// <summary>
/// Runs resolve, connect, tls (with .NET, for precise certificate diagnostics), then bind, base_dn and search on a
/// fresh connection (never a pooled one, so that the test shows the settings work now). Stops at the first failed step.
/// </summary>
internal static class ConnectionTest
{
    public static async Task<ConnectionTestReport> RunAsync(DirectorySettings settings, string host, SessionOpener opener, CancellationToken cancellationToken)
    {
        var context = opener.Context(settings, host);
        var steps = new List<ConnectionTestStep>(await new ConnectionProbe(context, opener.TrustedCas(settings), opener.Time, opener.Egress).RunAsync(cancellationToken));
        var failure = steps.FirstOrDefault(s => s.Result == StepResult.Failed)?.Failure;
        if (failure is not null)
        {
            opener.NoteRefusal(failure, host, context.Port);
            return Finish(steps, failure);
        }

        if (!settings.HasServiceAccount)
        {
            steps.Add(ConnectionTestStep.Skipped(ConnectionTestSteps.Bind, "No service account: logins bind as the user; syncing users needs a service account.",
                ConnectionTestDetailCodes.NoServiceAccount));
            return Finish(steps, null);
        }

        var started = opener.Time.GetTimestamp();
        DirectorySession session;
        try
        {
            session = await opener.OpenOnAsync(settings, host, BindIdentity.ServiceAccount(settings), slot: null, cancellationToken);
        }
        catch (DirectoryFailureException e)
        {
            steps.Add(new ConnectionTestStep(ConnectionTestSteps.Bind, StepResult.Failed, opener.Time.GetElapsedTime(started), e.Failure));
            return Finish(steps, e.Failure);
        }

        using var channel = DirectoryChannel.Over(settings, session, opener);
        steps.Add(ConnectionTestStep.Passed(ConnectionTestSteps.Bind, opener.Time.GetElapsedTime(started), $"bound as {settings.BindDn}",
            ConnectionTestDetailCodes.Bound, (DirectoryFailureValues.BindDn, settings.BindDn ?? "")));

        started = opener.Time.GetTimestamp();
        try
        {
            await UserSearch.BaseDnExistsAsync(channel, settings, cancellationToken);
            steps.Add(ConnectionTestStep.Passed(ConnectionTestSteps.BaseDn, opener.Time.GetElapsedTime(started), settings.BaseDn,
                ConnectionTestDetailCodes.BaseDnFound, (DirectoryFailureValues.BaseDn, settings.BaseDn)));
        }
        catch (DirectoryFailureException e)
        {
            steps.Add(new ConnectionTestStep(ConnectionTestSteps.BaseDn, StepResult.Failed, opener.Time.GetElapsedTime(started), e.Failure));
            return Finish(steps, e.Failure);
        }

        started = opener.Time.GetTimestamp();
        var users = 0;
        var sample = new List<DirectoryUser>();
        var problems = new List<EntryProblem>();
        var problemCount = 0;
        try
        {
            await foreach (var entry in UserSearch.PagedAsync(channel, settings, clause: null, cancellationToken))
            {
                if (entry is DirectoryUser user)
                {
                    users++;
                    if (sample.Count < ConnectionTestReport.SampleSize)
                    {
                        sample.Add(user);
                    }
                }
                else if (entry is EntryProblem problem && ++problemCount <= ConnectionTestReport.SampleSize)
                {
                    problems.Add(problem);
                }
            }
        }
        catch (DirectoryFailureException e)
        {
            steps.Add(new ConnectionTestStep(ConnectionTestSteps.Search, StepResult.Failed, opener.Time.GetElapsedTime(started), e.Failure));
            return Finish(steps, e.Failure);
        }

        var elapsed = opener.Time.GetElapsedTime(started);
        if (users == 0)
        {
            failure = Failures.Failures.NoUsersFound(context, UserSearch.Filter(settings, null));
            steps.Add(new ConnectionTestStep(ConnectionTestSteps.Search, StepResult.Failed, elapsed, failure, $"{problemCount} entries without a usable address"));
            return Finish(steps, failure, 0, sample, problemCount, problems);
        }

        steps.Add(ConnectionTestStep.Passed(ConnectionTestSteps.Search, elapsed, $"{users} users with an address, {problemCount} unusable entries",
            ConnectionTestDetailCodes.UsersFound,
            (DirectoryFailureValues.Users, users.ToString(CultureInfo.InvariantCulture)),
            (DirectoryFailureValues.Unusable, problemCount.ToString(CultureInfo.InvariantCulture))));
        return Finish(steps, null, users, sample, problemCount, problems);
    }

    private static ConnectionTestReport Finish(
        List<ConnectionTestStep> steps, DirectoryFailure? failure, int users = 0, List<DirectoryUser>? sample = null, int problemCount = 0, List<EntryProblem>? problems = null)
    {
        foreach (var name in ConnectionTestSteps.All.Where(n => steps.All(s => s.Name != n)))
        {
            steps.Add(ConnectionTestStep.Skipped(name));
        }

        Debug.Assert(steps.Select(s => s.Name).SequenceEqual(ConnectionTestSteps.All), "steps in order");
        return new ConnectionTestReport(steps, failure, users, sample ?? [], problemCount, problems ?? []);
    }
}

using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Directory;
using Platform.Directory.ConnectionTesting;
using Platform.Directory.Failures;
using Platform.Directory.Settings;
using Platform.DirectorySync.Settings;
using Platform.DirectorySync.Sync;
using Platform.Security;
using Platform.Security.Authorization;

namespace Platform.DirectorySync.Testing;

/// <summary>
/// <c>POST /v1/domains/{domain}/directory/test</c>, "save &amp; test" without saving: tests the submitted settings
/// (or, without a body, the saved ones) step by step on the host and on the failover host, and shows what a sync
/// would change. Changes nothing, publishes nothing; each test is recorded (<see cref="ConnectionTestLog"/>). A failed
/// connection is a successful test: 200 with the failure.
/// </summary>
public static partial class ConnectionTestEndpoints
{
    public static RouteGroupBuilder MapDirectoryTest(this RouteGroupBuilder domain)
    {
        domain.MapPost("/directory/test", TestAsync).RequireRateLimiting(DomainRateLimits.Test);
        return domain;
    }

    private static async Task<Results<Ok<ConnectionTestResponse>, ProblemHttpResult>> TestAsync(
        string domain, DirectorySettingsDocument? document, DirectorySettingsService settings, DirectoryClientFactory clients,
        NpgsqlDataSource data, IDocumentStore store, ConnectionTestLog log, HttpContext http, ILoggerFactory loggers, SyncLimits limits,
        CancellationToken cancellationToken)
    {
        var actor = http.User.GetSubject() ?? "unknown";
        var name = DomainNames.Normalize(domain)!;
        var (current, _) = await settings.ReadAsync(name, cancellationToken);
        SavedSettings tested;
        DirectorySettings clientSettings;
        if (document is null)
        {
            if (current.Settings is not { } saved)
            {
                return Problems.NotConfigured(name);
            }

            tested = saved;
            clientSettings = settings.ClientSettings(name, current);
        }
        else
        {
            var (submitted, errors) = SettingsValidation.Validate(document, hasSavedPassword: current.ProtectedBindPassword is not null);
            if (submitted is null)
            {
                return Problems.Invalid(errors);
            }

            tested = submitted;
            if (BindPasswordGuard.FieldsNeedingPassword(current, submitted, document.BindPassword is not null) is { Count: > 0 } changed)
            {
                await log.RefusedAsync(name, actor, SettingsValidation.ToClientSettings(submitted, null), "bind_password_required", cancellationToken);
                return Problems.BindPasswordRequired(changed);
            }

            clientSettings = document.BindPassword switch
            {
                // Left out: the saved password, as saving would keep it.
                null => settings.ClientSettings(name, current with { Settings = submitted }),
                { IsEmpty: true } => SettingsValidation.ToClientSettings(submitted, null),
                { } password => SettingsValidation.ToClientSettings(submitted, new DirectorySecret(password.Reveal())),
            };
        }

        var client = clients.Create(clientSettings);
        var failoverTest = tested.FailoverHost is null ? null : client.TestConnectionAsync(failoverHost: true, cancellationToken);
        var report = await client.TestConnectionAsync(failoverHost: false, cancellationToken);
        var failover = failoverTest is null ? null : await failoverTest;

        DryRunView? dryRun = null;
        TestFailureView? dryRunFailure = null;
        // The sync fails over on its own when the host is unreachable: either host passing is enough to plan.
        if (clientSettings.HasServiceAccount && (report.Succeeded || failover?.Succeeded == true))
        {
            try
            {
                dryRun = await DryRun.RunAsync(data, store.Options.DatabaseSchemaName, name, client, tested.DeletionThresholdPercent, limits, cancellationToken);
            }
            catch (DirectoryFailureException e)
            {
                dryRunFailure = TestFailureView.From(e.Failure);
            }
        }

        await log.RanAsync(name, actor, document is null ? "saved" : "submitted", clientSettings, report, failover, cancellationToken);
        var logger = loggers.CreateLogger(typeof(ConnectionTestEndpoints));
        LogTested(logger, name, tested.Host, report.Failure?.Code ?? "ok", failover?.Failure?.Code ?? (failover is null ? "none" : "ok"));
        return TypedResults.Ok(new ConnectionTestResponse(
            name,
            document is null ? "saved" : "submitted",
            tested.Host,
            report.Succeeded,
            [.. report.Steps.Select(TestStepView.From)],
            TestFailureView.From(report.Failure),
            report.UsersWithAddress,
            [.. report.Sample.Select(SampleUserView.From)],
            report.EntryProblems,
            [.. report.ProblemSample.Select(EntryProblemView.From)],
            failover is null ? null : Failover(tested.FailoverHost!, failover),
            dryRun,
            dryRunFailure));
    }

    private static FailoverTestView Failover(string host, ConnectionTestReport report) =>
        new(host, report.Succeeded, [.. report.Steps.Select(TestStepView.From)], TestFailureView.From(report.Failure), report.UsersWithAddress);

    [LoggerMessage(LogLevel.Information, "Tested the directory of {Domain} at {Host}: {Result}, failover host: {FailoverResult}")]
    private static partial void LogTested(ILogger logger, string domain, string host, string result, string failoverResult);
}

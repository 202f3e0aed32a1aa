using Marten;
using Npgsql;
using Platform.Contracts;
using Platform.Outbox;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// Runs in every replica: ends runs a stopped replica left running, runs queued runs, and queues a scheduled run for
/// each domain whose interval has passed — each domain under its lock, so one run per domain at a time across replicas.
/// </summary>
public sealed partial class SyncScheduler(
    IDocumentStore store,
    NpgsqlDataSource data,
    SyncRunner runner,
    SyncRequests requests,
    SyncSignal signal,
    IConfiguration configuration,
    ILogger<SyncScheduler> logger) : BackgroundService
{
    private const int MaxParallelDomains = 4;

    private string Schema => store.Options.DatabaseSchemaName;

    private TimeSpan Interval => configuration.GetValue("DirectorySync:SchedulerInterval", TimeSpan.FromSeconds(10));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogSchedulerFailed(ex);
            }

            try
            {
                await signal.WaitAsync(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One look at abandoned, queued and due runs; returns when the runs it started have ended.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var run in await RunsAsync("running", cancellationToken))
        {
            await using var held = await DomainLock.TryAcquireAsync(data, run.Domain, cancellationToken);
            if (held is not null && await StatusAsync(run.RunId, cancellationToken) == "running")
            {
                await runner.AbandonAsync(run.Domain, run.RunId, run.Trigger, run.Mode ?? SyncModes.Full, run.StartedAt, cancellationToken);
            }
        }

        var domains = (await RunsAsync("queued", cancellationToken)).Select(r => r.Domain)
            .Concat(await DueDomainsAsync(null, cancellationToken))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        await Parallel.ForEachAsync(domains, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelDomains, CancellationToken = cancellationToken },
            async (domain, token) => await SyncDomainAsync(domain, token));
    }

    private async Task SyncDomainAsync(string domain, CancellationToken cancellationToken)
    {
        await using var held = await DomainLock.TryAcquireAsync(data, domain, cancellationToken);
        if (held is null)
        {
            return;
        }

        if ((await DueDomainsAsync(domain, cancellationToken)).Count > 0)
        {
            await requests.RequestAsync(domain, SyncTriggers.Schedule, "system:schedule", cancellationToken);
        }

        foreach (var run in (await RunsAsync("queued", cancellationToken)).Where(r => r.Domain == domain))
        {
            using var traced = SyncTracing.StartRun(domain, run.RunId, run.Trigger, run.TraceParent);
            await runner.RunAsync(domain, run.RunId, run.Trigger, run.RequestedMode, cancellationToken);
        }
    }

    private async Task<List<Run>> RunsAsync(string status, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"""
            SELECT run_id, domain, trigger, mode, coalesce(started_at, requested_at), requested_mode, traceparent FROM {Schema}.sync_runs
            WHERE status = $1 ORDER BY requested_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        var runs = new List<Run>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new Run(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return runs;
    }

    /// <summary>Domains that sync on their own, with no run waiting or running, and none asked for within their interval.</summary>
    private async Task<List<string>> DueDomainsAsync(string? only, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"""
            SELECT s.domain FROM {Schema}.sync_schedule s
            WHERE s.automatic AND ($1::text IS NULL OR s.domain = $1)
              AND NOT EXISTS (SELECT 1 FROM {Schema}.sync_runs r WHERE r.domain = s.domain
                  AND (r.status IN ('queued', 'running') OR r.requested_at > now() - make_interval(mins => s.interval_minutes)))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)only ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var domains = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            domains.Add(reader.GetString(0));
        }

        return domains;
    }

    private async Task<string?> StatusAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"SELECT status FROM {Schema}.sync_runs WHERE run_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private sealed record Run(Guid RunId, string Domain, string Trigger, string? Mode, DateTimeOffset StartedAt, string? RequestedMode, string? TraceParent);

    [LoggerMessage(LogLevel.Error, "Looking for directory syncs to run failed; trying again shortly")]
    private partial void LogSchedulerFailed(Exception exception);
}

using Marten;
using Npgsql;
using Platform.Reporting.Settings;

namespace Platform.Reporting.Quarantine;

/// <summary>
/// Forgets quarantine entries older than their domain's retention (default <see cref="ReportingSettings.Defaults"/>),
/// at start and then once an hour. The recipient stays known: a first spam is once per recipient, ever.
/// </summary>
public sealed partial class QuarantineRetention(NpgsqlDataSource data, IDocumentStore store, TimeProvider clock, ILogger<QuarantineRetention> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Deletes what is past retention at the clock's now; the number of entries deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var command = data.CreateCommand($"""
            DELETE FROM {schema}.quarantine_entries q
            WHERE q.recorded_at < $1 - make_interval(days => coalesce((SELECT d.retention_days FROM {schema}.domain_reporting d WHERE d.domain = q.domain), $2))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter { Value = ReportingSettings.Defaults.RetentionDays });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Also at start: a replica restarted more often than hourly would otherwise never purge.
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                if (await PurgeAsync(stoppingToken) is > 0 and var purged)
                {
                    LogPurged(logger, purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Purged {Count} quarantine entries past their retention")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(LogLevel.Error, "Purging quarantine entries failed; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

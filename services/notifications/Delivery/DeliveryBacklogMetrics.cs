using System.Diagnostics.Metrics;
using Marten;
using Npgsql;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Notifications.Delivery;

/// <summary>
/// The mail delivery backlog, read from the durable queue (the <c>notifications</c> table) every
/// <c>Notifications:Metrics:Interval</c> (15 s), never while a collector waits: <c>platform.notifications.backlog</c>
/// (unsent mails by state: <c>queued</c> never tried, <c>retrying</c> waiting for their next attempt, <c>sending</c>
/// leased by a lane now), <c>platform.notifications.oldest_age</c> (seconds since the oldest unsent mail was queued)
/// and <c>platform.notifications.overdue</c> (seconds the most overdue mail has been due without a lane taking it).
/// Every replica reads the same table: aggregate the replicas with max, not sum. After a failed reading the gauges
/// report nothing until the next one succeeds.
/// </summary>
public sealed partial class DeliveryBacklogMetrics : BackgroundService
{
    public const string BacklogName = "platform.notifications.backlog";
    public const string OldestAgeName = "platform.notifications.oldest_age";
    public const string OverdueName = "platform.notifications.overdue";
    public const string StateTag = "platform.notification.state";

    private readonly NpgsqlDataSource _data;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _interval;
    private readonly ILogger<DeliveryBacklogMetrics> _logger;
    private readonly string _query;
    private volatile Reading? _reading;

    public DeliveryBacklogMetrics(
        NpgsqlDataSource data, IDocumentStore store, TimeProvider clock, IMeterFactory meters, IConfiguration configuration,
        ILogger<DeliveryBacklogMetrics> logger)
    {
        _data = data;
        _clock = clock;
        _logger = logger;
        _interval = configuration.GetValue("Notifications:Metrics:Interval", TimeSpan.FromSeconds(15));
        // A lease that has run out is not "sending": the mail is due again for any lane.
        _query = $"""
            SELECT count(*) FILTER (WHERE state = 'queued' AND (lease_until IS NULL OR lease_until <= $1)),
                   count(*) FILTER (WHERE state = 'retrying' AND (lease_until IS NULL OR lease_until <= $1)),
                   count(*) FILTER (WHERE lease_until > $1),
                   coalesce(extract(epoch FROM $1 - min(queued_at)), 0)::float8,
                   coalesce(extract(epoch FROM $1 - min(next_attempt_at) FILTER (WHERE next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1))), 0)::float8
            FROM {store.Options.DatabaseSchemaName}.notifications WHERE state IN ('queued', 'retrying')
            """;
        var meter = PlatformTelemetry.CreateMeter(meters, "Notifications");
        meter.CreateObservableGauge(BacklogName, ObserveBacklog, "{mail}", "Mails not sent yet, by state (queued, retrying, sending).");
        meter.CreateObservableGauge(OldestAgeName, () => Observe(r => r.OldestAge), "s", "Seconds since the oldest mail not sent yet was queued.");
        meter.CreateObservableGauge(OverdueName, () => Observe(r => r.Overdue), "s", "Seconds the most overdue mail has been due without a lane taking it.");
    }

    /// <summary>Reads the backlog now (the loop does this every interval).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand(_query);
        command.Parameters.Add(new NpgsqlParameter { Value = _clock.GetUtcNow() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        _reading = new Reading(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), Math.Max(0, reader.GetDouble(3)), Math.Max(0, reader.GetDouble(4)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _reading = null;
                LogReadFailed(e);
            }

            await Task.Delay(_interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private IEnumerable<Measurement<long>> ObserveBacklog() =>
        _reading is { } r
            ? [new(r.Queued, new KeyValuePair<string, object?>(StateTag, "queued")), new(r.Retrying, new KeyValuePair<string, object?>(StateTag, "retrying")),
               new(r.Sending, new KeyValuePair<string, object?>(StateTag, "sending"))]
            : [];

    private IEnumerable<Measurement<double>> Observe(Func<Reading, double> value) => _reading is { } r ? [new(value(r))] : [];

    private sealed record Reading(long Queued, long Retrying, long Sending, double OldestAge, double Overdue);

    [LoggerMessage(LogLevel.Warning, "Reading the mail delivery backlog for its metrics failed; trying again at the next interval")]
    private partial void LogReadFailed(Exception exception);
}

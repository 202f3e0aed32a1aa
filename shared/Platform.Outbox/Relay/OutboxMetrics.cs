using System.Diagnostics.Metrics;
using Npgsql;

namespace Platform.Outbox.Relay;

/// <summary>
/// Outbox depth and the age of the oldest pending message, as the active relay last read them. Collection never
/// touches the database: the relay refreshes the snapshot after each drain, and the age keeps growing from it between
/// refreshes, so a relay that is stuck still shows an ageing outbox. Standby replicas report nothing.
/// </summary>
internal sealed class OutboxMetrics : IDisposable
{
    public const string MeterName = "Platform.Outbox";
    public const string SchemaTag = "platform.eventstore.schema";

    private readonly Meter _meter = new(MeterName);
    private readonly TimeProvider _time;
    private readonly KeyValuePair<string, object?> _schemaTag;
    private readonly string _query;
    private readonly Counter<long> _deadLettered;
    private Snapshot? _snapshot;

    public OutboxMetrics(string schema, TimeProvider time)
    {
        _time = time;
        _schemaTag = new(SchemaTag, schema);
        _query = $"""
            SELECT (SELECT count(*) FROM {schema}.outbox WHERE published_at IS NULL),
                   (SELECT extract(epoch FROM now() - created_at)::float8 FROM {schema}.outbox WHERE published_at IS NULL ORDER BY seq LIMIT 1)
            """;
        _meter.CreateObservableGauge("platform.outbox.depth", ObserveDepth, "{message}", "Outbox messages not yet published.");
        _meter.CreateObservableGauge("platform.outbox.oldest_age", ObserveOldestAge, "s", "Age of the oldest outbox message not yet published.");
        _deadLettered = _meter.CreateCounter<long>(
            "platform.outbox.dead_lettered", "{message}", "Outbox messages that could not be read and were moved to outbox_dead_letters.");
    }

    public async Task RefreshAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_query, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var depth = reader.GetInt64(0);
        var age = reader.IsDBNull(1) ? 0 : Math.Max(0, reader.GetDouble(1));
        _snapshot = new Snapshot(depth, age, _time.GetTimestamp());
    }

    /// <summary>One unreadable message was moved aside.</summary>
    public void DeadLettered() => _deadLettered.Add(1, _schemaTag);

    /// <summary>The relay has just found nothing pending.</summary>
    public void Drained() => _snapshot = new Snapshot(0, 0, _time.GetTimestamp());

    /// <summary>This replica no longer relays: it has nothing to report.</summary>
    public void Clear() => _snapshot = null;

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveDepth() =>
        _snapshot is { } s ? [new Measurement<long>(s.Depth, _schemaTag)] : [];

    private IEnumerable<Measurement<double>> ObserveOldestAge() =>
        _snapshot is { } s
            ? [new Measurement<double>(s.Depth == 0 ? 0 : s.OldestAgeSeconds + _time.GetElapsedTime(s.ReadAt).TotalSeconds, _schemaTag)]
            : [];

    private sealed record Snapshot(long Depth, double OldestAgeSeconds, long ReadAt);
}

using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Outbox.Relay;

/// <summary>
/// Publishes the outbox through MassTransit, in outbox order, each message with its original message id, correlation
/// id and the trace context of the write that stored it.
/// </summary>
/// <remarks>
/// <para>
/// Every replica runs one; the replica whose session holds the schema's advisory lock relays, the others try to take
/// over every <see cref="OutboxRelayOptions.PollInterval"/>. The active relay sleeps on LISTEN until a writer's
/// NOTIFY (or the poll interval), then drains the outbox in batches of pending rows in <c>seq</c> order.
/// </para>
/// <para>
/// A batch is marked published by one UPDATE once the broker has confirmed all of it; a failed batch marks only its
/// confirmed prefix, so nothing overtakes the message that failed. Lock, reads and marks share one session, so no
/// other replica can read while this one still has a batch in flight; when the session ends, whatever was published
/// but not marked is published again by the next relay (delivery is at least once), and no row is ever lost or
/// skipped. Marking one batch and reading the next take one round trip, made while the broker confirms.
/// </para>
/// </remarks>
public sealed partial class OutboxRelay : BackgroundService, IAsyncDisposable
{
    private static readonly TimeSpan MetricsRefreshInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan StepDownTimeout = TimeSpan.FromSeconds(5);
    private const int CleanupChunk = 10_000;

    private readonly OutboxStorage _store;
    private readonly OutboxRelayOptions _options;
    private readonly ILogger<OutboxRelay> _logger;
    private readonly TimeProvider _time;
    private readonly OutboxPublisher _publisher;
    private readonly OutboxMetrics _metrics;
    private readonly OutboxFailureStreak _failures;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OutboxLeadership? _leadership;
    private long _metricsReadAt;
    private long? _nextCleanupAt;
    private int _disposed;

    public OutboxRelay(OutboxStorage store, IBus bus, OutboxRelayOptions options, ILogger<OutboxRelay> logger, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPublishesInFlight, 1);
        _store = store;
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _publisher = new OutboxPublisher(bus);
        _metrics = new OutboxMetrics(store.Schema, _time);
        _failures = new OutboxFailureStreak(options, _time);
    }

    private string Schema => _store.Schema;

    /// <summary>
    /// Since when (UTC) the broker has failed every publish of this replica's relay, or null: it relays, has nothing
    /// to relay, is a standby, or its last failure was not the broker's (the database, an unreadable message).
    /// Safe to read from any thread; the <c>outbox-relay</c> health check reads it.
    /// </summary>
    public DateTimeOffset? PublishingFailingSince => _failures.PublishingFailingSince;

    /// <summary>
    /// Publishes everything pending now, batch by batch, if this replica is (or can become) the schema's relay;
    /// returns how many messages it published, 0 when another replica relays. Throws
    /// <see cref="OutboxPublishException"/> when the broker fails; what was not confirmed stays pending. The relay keeps
    /// the lead until it is stopped or disposed.
    /// </summary>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await DrainAsync(cancellationToken) ?? 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var delay = TimeSpan.Zero;
                await _gate.WaitAsync(stoppingToken);
                try
                {
                    var published = await DrainAsync(stoppingToken);
                    _failures.Reset();
                    if (published is null)
                    {
                        delay = _options.PollInterval;
                    }
                    else
                    {
                        await _leadership!.WaitAsync(_options.PollInterval, stoppingToken);
                        // Commits that come close together are relayed together: a few round trips per batch instead
                        // of per commit under load, for a few milliseconds more on each message's way.
                        await Task.Delay(_options.GatherDelay, stoppingToken);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    delay = _failures.Next(publishFailed: ex is OutboxPublishException { BrokerFailed: true });
                    LogRelayFailed(ex, Schema, delay);
                    if (_failures.Stalled() is { } stalled)
                    {
                        // After a broker restart with publishes in flight the bus can stay stuck while RabbitMQ is fine
                        // (docs/eventstore.md): only a restart of the service helps then, which the outbox-relay
                        // liveness check asks for (OutboxRelayHealthCheck).
                        LogStalled(Schema, stalled);
                    }

                    if (_leadership is { IsUsable: false })
                    {
                        await StepDownAsync();
                    }
                }
                finally
                {
                    _gate.Release();
                }

                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, stoppingToken);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a batch in flight stays unmarked, and the next relay publishes it again.
        }
        finally
        {
            _failures.Reset();
            await _gate.WaitAsync(CancellationToken.None);
            try
            {
                await StepDownAsync();
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Unlocks explicitly: a pooled connection is only reset when it is next used, and would keep the lead meanwhile.
        if (Volatile.Read(ref _disposed) == 0 && await _gate.WaitAsync(StepDownTimeout))
        {
            try
            {
                await StepDownAsync();
            }
            finally
            {
                _gate.Release();
            }
        }

        Dispose();
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_leadership is not null && _gate.Wait(StepDownTimeout))
        {
            StepDownAsync().GetAwaiter().GetResult();
        }

        _metrics.Dispose();
        _gate.Dispose();
        base.Dispose();
    }

    /// <summary>Drains the outbox; null when another replica relays this schema.</summary>
    private async Task<int?> DrainAsync(CancellationToken cancellationToken)
    {
        if (!await LeadAsync(cancellationToken))
        {
            return null;
        }

        var connection = _leadership!.Connection;
        _leadership.TakeNotification();
        int published;
        try
        {
            published = await PublishAllAsync(connection, cancellationToken);
        }
        catch (OutboxPublishException) when (_leadership is { IsUsable: true })
        {
            try
            {
                await RefreshMetricsAsync(connection, cancellationToken);
            }
            catch (NpgsqlException)
            {
                // The failure being reported matters more than the gauges.
            }

            throw;
        }

        // The last read found nothing pending: no need to ask again for the gauges.
        _metrics.Drained();
        _metricsReadAt = _time.GetTimestamp();
        await CleanUpAsync(connection, cancellationToken);
        return published;
    }

    /// <summary>
    /// Publishes batch after batch until none is left; returns how many messages it published. The database works
    /// while the broker confirms: marking the previous batch and reading the next go in one round trip, during the
    /// current batch's publishes.
    /// </summary>
    private async Task<int> PublishAllAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var published = 0;
        IReadOnlyList<OutboxRow> unmarked = [];
        var rows = await MarkAndReadAsync(connection, unmarked, [], cancellationToken);
        while (rows.Count > 0)
        {
            var (messages, unreadable) = Read(rows);
            if (unreadable.Count > 0)
            {
                // Moved aside before the rest is published: one bad row must not hold back every message behind it.
                await DeadLetterAsync(connection, unreadable, cancellationToken);
                rows = messages.ConvertAll(m => m.Row);
            }

            var reading = MarkAndReadAsync(connection, unmarked, rows, cancellationToken);
            var publishing = _publisher.PublishAsync(messages, _options.MaxPublishesInFlight, _options.PublishTimeout, cancellationToken);
            await Task.WhenAll(reading, publishing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
            var result = await publishing;
            // If this fails, the batch just confirmed is published again by the next attempt: at least once.
            var next = await reading;
            published += result.Confirmed;
            unmarked = result.Confirmed == rows.Count ? rows : rows.Take(result.Confirmed).ToList();
            if (result.Failure is null)
            {
                rows = next;
                if (_time.GetElapsedTime(_metricsReadAt) >= MetricsRefreshInterval)
                {
                    await RefreshMetricsAsync(connection, cancellationToken);
                }

                continue;
            }

            // Only the confirmed prefix is marked: a later message marked before the failed one is re-published would
            // overtake it.
            await MarkAndReadAsync(connection, unmarked, null, cancellationToken);
            await RecordFailureAsync(connection, result.Unconfirmed, result.Failure, cancellationToken);
            throw new OutboxPublishException(
                $"{result.Unconfirmed.Count} outbox message(s) of {Schema} were not published; the first is {result.Unconfirmed[0].MessageId}.",
                result.Failure)
            {
                BrokerFailed = true,
            };
        }

        if (unmarked.Count > 0)
        {
            await MarkAndReadAsync(connection, unmarked, null, cancellationToken);
        }

        return published;
    }

    /// <summary>The rows as messages, and the rows that cannot be read with the reason.</summary>
    private (List<OutboxMessage> Messages, List<(OutboxRow Row, Exception Error)> Unreadable) Read(List<OutboxRow> rows)
    {
        var messages = new List<OutboxMessage>(rows.Count);
        var unreadable = new List<(OutboxRow, Exception)>();
        foreach (var row in rows)
        {
            try
            {
                var type = _store.Messages.Resolve(row.MessageType);
                messages.Add(new OutboxMessage(row, OutboxJson.Deserialize(row.Body, type), type));
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Text.Json.JsonException or NotSupportedException)
            {
                unreadable.Add((row, ex));
            }
        }

        return (messages, unreadable);
    }

    /// <summary>
    /// Moves unreadable rows to <c>outbox_dead_letters</c> (one transaction: a row is in exactly one of the two tables),
    /// each with an error log and the <c>platform.outbox.dead_lettered</c> count.
    /// </summary>
    private async Task DeadLetterAsync(NpgsqlConnection connection, List<(OutboxRow Row, Exception Error)> unreadable, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            WITH moved AS (DELETE FROM {Schema}.outbox WHERE seq = ANY($1) AND published_at IS NULL
                RETURNING seq, message_id, message_type, body, stream_id, correlation_id, traceparent, tracestate, created_at)
            INSERT INTO {Schema}.outbox_dead_letters
                (seq, message_id, message_type, body, stream_id, correlation_id, traceparent, tracestate, created_at, error)
            SELECT m.seq, m.message_id, m.message_type, m.body, m.stream_id, m.correlation_id, m.traceparent, m.tracestate, m.created_at, e.error
            FROM moved m JOIN unnest($1, $2) AS e(seq, error) ON e.seq = m.seq
            ON CONFLICT (seq) DO NOTHING
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = unreadable.Select(u => u.Row.Seq).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = unreadable.Select(u => Describe(u.Error)).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        foreach (var (row, error) in unreadable)
        {
            LogDeadLettered(error, Schema, row.MessageId, row.MessageType);
            _metrics.DeadLettered();
        }
    }

    private static string Describe(Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        return text.Length > 2000 ? text[..2000] : text;
    }

    /// <summary>
    /// Marks <paramref name="published"/> and reads the next batch, skipping the rows of <paramref name="inFlight"/>
    /// (null: reads nothing) — one round trip, one transaction. No row locks are needed: only the session holding the
    /// schema's advisory lock reads and marks.
    /// </summary>
    private async Task<List<OutboxRow>> MarkAndReadAsync(
        NpgsqlConnection connection, IReadOnlyList<OutboxRow> published, IReadOnlyList<OutboxRow>? inFlight, CancellationToken cancellationToken)
    {
        var rows = new List<OutboxRow>();
        if (published.Count == 0 && inFlight is null)
        {
            return rows;
        }

        await using var batch = new NpgsqlBatch(connection);
        if (published.Count > 0)
        {
            // The range keeps the plan on the primary key: `seq = ANY($1)` alone, planned while the table was small,
            // was a scan of the whole table, and stayed one as the table grew.
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"UPDATE {Schema}.outbox SET published_at = now() WHERE seq BETWEEN $2 AND $3 AND seq = ANY($1)")
            {
                Parameters =
                {
                    new NpgsqlParameter { Value = published.Select(r => r.Seq).ToArray() },
                    new NpgsqlParameter { Value = published.Min(r => r.Seq) },
                    new NpgsqlParameter { Value = published.Max(r => r.Seq) },
                },
            });
        }

        if (inFlight is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                SELECT seq, message_id, message_type, body::text, correlation_id, traceparent, tracestate
                FROM {Schema}.outbox WHERE published_at IS NULL AND seq <> ALL($1) ORDER BY seq LIMIT $2
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter { Value = inFlight.Select(r => r.Seq).ToArray() },
                    new NpgsqlParameter { Value = _options.BatchSize },
                },
            });
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (reader.FieldCount == 7 && await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new OutboxRow(
                    reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetGuid(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }
        while (await reader.NextResultAsync(cancellationToken));

        return rows;
    }

    private async Task RecordFailureAsync(
        NpgsqlConnection connection, IReadOnlyList<OutboxRow> rows, Exception failure, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var error = Describe(failure);
        await using var command = new NpgsqlCommand(
            $"UPDATE {Schema}.outbox SET attempts = attempts + 1, last_error = $2 WHERE seq BETWEEN $3 AND $4 AND seq = ANY($1) AND published_at IS NULL",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Seq).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = error, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Min(r => r.Seq) });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Max(r => r.Seq) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task RefreshMetricsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await _metrics.RefreshAsync(connection, cancellationToken);
        _metricsReadAt = _time.GetTimestamp();
    }

    private async Task CleanUpAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_options.PublishedRetention is not { } retention || _nextCleanupAt is { } next && _time.GetTimestamp() < next)
        {
            return;
        }

        _nextCleanupAt = _time.GetTimestamp() + (long)(CleanupInterval.TotalSeconds * _time.TimestampFrequency);
        await using var command = new NpgsqlCommand($"""
            DELETE FROM {Schema}.outbox WHERE seq IN (
                SELECT seq FROM {Schema}.outbox WHERE published_at < now() - $1 LIMIT {CleanupChunk})
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = retention, NpgsqlDbType = NpgsqlDbType.Interval });
        var deleted = 0;
        int chunk;
        do
        {
            chunk = await command.ExecuteNonQueryAsync(cancellationToken);
            deleted += chunk;
        }
        while (chunk == CleanupChunk);

        if (deleted > 0)
        {
            LogDeleted(deleted, Schema, retention);
        }
    }

    private async Task<bool> LeadAsync(CancellationToken cancellationToken)
    {
        if (_leadership is { IsUsable: true })
        {
            return true;
        }

        await StepDownAsync();
        _leadership = await OutboxLeadership.TryAcquireAsync(_store, cancellationToken);
        if (_leadership is null)
        {
            return false;
        }

        LogLeading(Schema);
        _nextCleanupAt = null;
        return true;
    }

    private async Task StepDownAsync()
    {
        _metrics.Clear();
        if (_leadership is { } leadership)
        {
            _leadership = null;
            await leadership.DisposeAsync();
            LogSteppedDown(Schema);
        }
    }

    [LoggerMessage(LogLevel.Information, "Relaying the outbox of {Schema} from this replica")]
    private partial void LogLeading(string schema);

    [LoggerMessage(LogLevel.Information, "Stopped relaying the outbox of {Schema} from this replica")]
    private partial void LogSteppedDown(string schema);

    [LoggerMessage(LogLevel.Warning, "Relaying the outbox of {Schema} failed; retrying in {Delay}")]
    private partial void LogRelayFailed(Exception exception, string schema, TimeSpan delay);

    [LoggerMessage(LogLevel.Error,
        "The outbox of {Schema} has not been relayed for {Duration}; if RabbitMQ is reachable, the bus may be stuck and the service needs a restart")]
    private partial void LogStalled(string schema, TimeSpan duration);

    [LoggerMessage(LogLevel.Error,
        "Outbox message {MessageId} ({MessageType}) of {Schema} cannot be read; moved to {Schema}.outbox_dead_letters, the rest is published (docs/operations.md: re-driving it)")]
    private partial void LogDeadLettered(Exception exception, string schema, Guid messageId, string messageType);

    [LoggerMessage(LogLevel.Information, "Deleted {Count} outbox messages of {Schema} published more than {Retention} ago")]
    private partial void LogDeleted(int count, string schema, TimeSpan retention);
}

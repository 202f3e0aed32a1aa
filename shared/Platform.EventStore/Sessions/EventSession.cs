using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Events;
using Platform.EventStore.Outbox;

namespace Platform.EventStore.Sessions;

/// <summary>
/// One unit of work: events for one or more streams, integration messages for the outbox and the inbox mark of the
/// message being handled, all committed atomically by <see cref="SaveChangesAsync"/> — in a single round trip unless
/// an inline projection needs the new events' positions inside the transaction.
/// </summary>
public sealed class EventSession
{
    private readonly EventStore _store;
    private readonly List<OutboxEntry> _outbox = [];
    private readonly List<RecordedEvent> _recorded = [];
    private (string Consumer, Guid MessageId)? _inbox;

    internal EventSession(EventStore store) => _store = store;

    public StreamOperations Events { get; } = new();

    public Guid? CorrelationId { get; set; }
    public Guid? CausationId { get; set; }
    public string? Actor { get; set; }

    /// <summary>The events the last SaveChangesAsync recorded, with their positions.</summary>
    public IReadOnlyList<RecordedEvent> Recorded => _recorded;

    /// <summary>
    /// Queues an integration message; the relay publishes it after commit with <paramref name="messageId"/> as its
    /// MassTransit message id and the trace context of this write.
    /// </summary>
    public void Publish(object message, Guid messageId, string? streamId = null)
    {
        if (!_store.Options.Messages.Contains(message.GetType()))
        {
            throw new ArgumentException($"{message.GetType().Name} is not a registered outbox message type.", nameof(message));
        }

        _outbox.Add(new OutboxEntry(messageId, message, streamId));
    }

    /// <summary>Records that <paramref name="consumer"/> handled <paramref name="messageId"/>; a second commit of the same pair fails with <see cref="DuplicateMessageException"/>.</summary>
    public void MarkProcessed(string consumer, Guid messageId) => _inbox = (consumer, messageId);

    public async Task SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        if (Events.Actions.Count == 0 && _outbox.Count == 0 && _inbox is null)
        {
            return;
        }

        var options = _store.Options;
        var metadata = new EventMetadata
        {
            CorrelationId = CorrelationId,
            CausationId = CausationId,
            Actor = Actor,
            TraceParent = Activity.Current?.Id,
        };
        var inlineProjections = Events.Actions.Count > 0 ? options.InlineProjections : [];

        await using var connection = await _store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = inlineProjections.Count > 0 ? await connection.BeginTransactionAsync(cancellationToken) : null;
        await using var batch = new NpgsqlBatch(connection, transaction);
        var pending = new Dictionary<Guid, (StreamAction Action, object Event)>();
        foreach (var action in Events.Actions)
        {
            batch.BatchCommands.Add(AppendCommand(options, action, metadata, pending));
        }

        if (_inbox is { } inbox)
        {
            batch.BatchCommands.Add(Command(
                $"INSERT INTO {options.Schema}.inbox (consumer, message_id) VALUES ($1, $2)", inbox.Consumer, inbox.MessageId));
        }

        if (_outbox.Count > 0)
        {
            batch.BatchCommands.Add(OutboxCommand(options, _outbox, metadata));
            batch.BatchCommands.Add(Command("SELECT pg_notify($1, '')", options.OutboxChannel));
        }

        var recorded = new List<RecordedEvent>();
        try
        {
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                do
                {
                    while (reader.FieldCount == 4 && await reader.ReadAsync(cancellationToken))
                    {
                        var (action, @event) = pending[reader.GetGuid(1)];
                        recorded.Add(new RecordedEvent(reader.GetInt64(0), reader.GetGuid(1), action.StreamId, reader.GetInt64(2),
                            options.Events.NameOf(@event.GetType()).Name, @event, metadata, reader.GetFieldValue<DateTimeOffset>(3)));
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
            }

            recorded.Sort((a, b) => a.Position.CompareTo(b.Position));
            foreach (var projection in inlineProjections)
            {
                await projection.ApplyAsync(connection, recorded, cancellationToken);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (PostgresException e) when (e is { SqlState: "ES409", Hint: not null })
        {
            var hint = e.Hint!;
            var separator = hint.IndexOf(' ', StringComparison.Ordinal);
            var (actual, streamId) = (hint[..separator], hint[(separator + 1)..]);
            var action = Events.Actions.First(a => a.StreamId == streamId);
            throw new ConcurrencyException(streamId, action.ExpectedVersion, long.Parse(actual, System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "inbox_pkey" })
        {
            throw new DuplicateMessageException(_inbox!.Value.Consumer, _inbox.Value.MessageId);
        }

        _recorded.Clear();
        _recorded.AddRange(recorded);
        Events.Actions.Clear();
        _outbox.Clear();
        _inbox = null;
    }

    private static NpgsqlBatchCommand AppendCommand(
        EventStoreOptions options, StreamAction action, EventMetadata metadata, Dictionary<Guid, (StreamAction, object)> pending)
    {
        var ids = new Guid[action.Events.Count];
        var types = new string[ids.Length];
        var versions = new int[ids.Length];
        var data = new string[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var @event = action.Events[i];
            ids[i] = Guid.CreateVersion7();
            (types[i], versions[i]) = options.Events.NameOf(@event.GetType());
            data[i] = options.Events.Serialize(@event);
            pending[ids[i]] = (action, @event);
        }

        var schema = options.Schema;
        var command = new NpgsqlBatchCommand($"""
            WITH v AS (SELECT {schema}.reserve_versions($1, $2, $3) AS base)
            INSERT INTO {schema}.events (id, stream_id, version, type, schema_version, data, metadata)
            SELECT e.id, $1, v.base + e.ord, e.type, e.schema_version, e.data::jsonb, $8::jsonb
            FROM v, unnest($4::uuid[], $5::text[], $6::int[], $7::text[]) WITH ORDINALITY AS e(id, type, schema_version, data, ord)
            RETURNING seq, id, version, recorded_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = action.StreamId });
        command.Parameters.Add(new NpgsqlParameter { Value = action.ExpectedVersion });
        command.Parameters.Add(new NpgsqlParameter { Value = ids.Length });
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        command.Parameters.Add(new NpgsqlParameter { Value = types });
        command.Parameters.Add(new NpgsqlParameter { Value = versions });
        command.Parameters.Add(new NpgsqlParameter { Value = data });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(metadata, EventTypeRegistry.Json) });
        return command;
    }

    private static NpgsqlBatchCommand OutboxCommand(EventStoreOptions options, List<OutboxEntry> entries, EventMetadata metadata)
    {
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO {options.Schema}.outbox (message_id, message_type, body, stream_id, correlation_id, traceparent, tracestate)
            SELECT m.id, m.type, m.body::jsonb, m.stream_id, $5, $6, $7
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS m(id, type, body, stream_id)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.MessageId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => MessageTypeRegistry.NameOf(e.Message.GetType())).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => OutboxJson.Serialize(e.Message)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.StreamId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)metadata.CorrelationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)metadata.TraceParent ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)Activity.Current?.TraceStateString ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return command;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}

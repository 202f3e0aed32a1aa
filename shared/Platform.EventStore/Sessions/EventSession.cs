using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Events;
using Platform.EventStore.Outbox;
using Platform.EventStore.Projections;

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

        // Taken here, in the caller's flow: a group commit runs in a flow of its own.
        var metadata = new EventMetadata
        {
            CorrelationId = CorrelationId,
            CausationId = CausationId,
            Actor = Actor,
            TraceParent = Activity.Current?.Id,
        };
        var traceState = Activity.Current?.TraceStateString;
        // A group commit is not cancelled for one of its sessions; a caller that gave up before it began writes nothing.
        cancellationToken.ThrowIfCancellationRequested();
        if (!await _store.Commits.TryCommitAsync(new GroupedSession(this, metadata, traceState)))
        {
            await CommitAloneAsync(metadata, traceState, cancellationToken);
        }

        Events.Actions.Clear();
        _outbox.Clear();
        _inbox = null;
    }

    /// <summary>
    /// Commits several sessions in one transaction and round trip, their inline projections run once over all their
    /// events. Any failure rolls all of them back; each is then committed alone (<see cref="GroupCommitter"/>).
    /// </summary>
    internal static Task CommitGroupAsync(EventStore store, IReadOnlyList<GroupedSession> group) =>
        WriteAsync(store, group, grouped: true, CancellationToken.None);

    private async Task CommitAloneAsync(EventMetadata metadata, string? traceState, CancellationToken cancellationToken)
    {
        // Only an append at "any version" can lose a race it should not fail: it is tried again on a fresh version.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(_store, [new GroupedSession(this, metadata, traceState)], grouped: false, cancellationToken);
                return;
            }
            catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "inbox_pkey" })
            {
                throw new DuplicateMessageException(_inbox!.Value.Consumer, _inbox.Value.MessageId);
            }
            catch (PostgresException e) when (IsVersionConflict(e))
            {
                var conflict = await FindConflictAsync(cancellationToken);
                if (conflict is not null || attempt == 5)
                {
                    throw conflict ?? new ConcurrencyException(Events.Actions[0].StreamId, StreamOperations.AnyVersion, -1);
                }
            }
        }
    }

    /// <summary>
    /// Writes the sessions' changes in one round trip, and runs the inline projections over their events in the same
    /// transaction. Alone, a session without events to project needs no explicit transaction (a batch is one). A
    /// group waits at most <see cref="GroupCommitter.LockTimeout"/> for a row lock, and a COMMIT of it that broke
    /// off is reported as of unknown outcome.
    /// </summary>
    private static async Task WriteAsync(EventStore store, IReadOnlyList<GroupedSession> sessions, bool grouped, CancellationToken cancellationToken)
    {
        var options = store.Options;
        var project = options.InlineProjections.Count > 0 && sessions.Any(m => m.Session.Events.Actions.Count > 0);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = grouped || project ? await connection.BeginTransactionAsync(cancellationToken) : null;
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (grouped)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SET LOCAL lock_timeout = '{GroupCommitter.LockTimeout}'"));
        }

        var pending = new Dictionary<Guid, PendingEvent>();
        AddCommands(batch, options, sessions, pending);
        var recorded = await ExecuteAsync(batch, options, pending, cancellationToken);
        var writes = new ProjectionWrites();
        foreach (var projection in project ? options.InlineProjections : [])
        {
            await projection.ApplyAsync(connection, recorded.Select(r => r.Event).ToList(), writes, cancellationToken);
        }

        await writes.FlushAsync(connection, cancellationToken);
        if (transaction is not null)
        {
            try
            {
                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception e) when (grouped && e is not PostgresException)
            {
                // The connection broke during COMMIT (the server refusing it is a PostgresException, and nothing was written).
                throw new GroupCommitUnknownException(e);
            }
        }

        foreach (var member in sessions)
        {
            member.Session._recorded.Clear();
            member.Session._recorded.AddRange(recorded.Where(r => r.Session == member.Session).Select(r => r.Event));
        }
    }

    /// <summary>
    /// The sessions' appends, inbox marks and outbox messages, added to <paramref name="batch"/>. Streams started,
    /// appends at any version, and appends at expected versions to distinct streams go as one multi-row insert each
    /// when there are several (an import of thousands of users is a handful of statements; so is a group of sessions);
    /// so do the inbox marks and the outbox messages. Two sessions of a group starting the same stream cannot both win:
    /// the group fails and they commit alone.
    /// </summary>
    private static void AddCommands(NpgsqlBatch batch, EventStoreOptions options, IReadOnlyList<GroupedSession> sessions, Dictionary<Guid, PendingEvent> pending)
    {
        var actions = sessions.SelectMany(m => m.Session.Events.Actions.Select(a => new SessionAction(m.Session, a, m.Metadata))).ToList();
        var starts = actions.Where(a => a.Action.ExpectedVersion == 0).ToList();
        var anyVersion = actions.Where(a => a.Action.ExpectedVersion == StreamOperations.AnyVersion).ToList();
        if (starts.GroupBy(a => a.Action.StreamId, StringComparer.Ordinal).Any(g => g.Select(a => a.Session).Distinct().Count() > 1))
        {
            throw new InvalidOperationException("Two sessions of a group start the same stream.");
        }

        // An append expecting a version sees the stream as it was before its statement: only appends to distinct
        // streams can share one.
        var expected = actions.Where(a => a.Action.ExpectedVersion > 0).ToList();
        if (expected.DistinctBy(a => a.Action.StreamId, StringComparer.Ordinal).Count() < expected.Count)
        {
            expected.Clear();
        }

        var merged = new[] { starts, anyVersion, expected }.Where(g => g.Count > 1).ToList();
        foreach (var group in merged)
        {
            batch.BatchCommands.Add(BulkAppendCommand(options, group, pending));
        }

        var mergedActions = merged.SelectMany(g => g).Select(a => a.Action).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var item in actions.Where(a => !mergedActions.Contains(a.Action)))
        {
            batch.BatchCommands.Add(item.Session.AppendCommand(options, item.Action, item.Metadata, pending));
        }

        var inbox = sessions.Where(m => m.Session._inbox is not null).Select(m => m.Session._inbox!.Value).ToList();
        if (inbox.Count == 1)
        {
            batch.BatchCommands.Add(BatchCommands.Of(
                $"INSERT INTO {options.Schema}.inbox (consumer, message_id) VALUES ($1, $2)", inbox[0].Consumer, inbox[0].MessageId));
        }
        else if (inbox.Count > 1)
        {
            batch.BatchCommands.Add(BatchCommands.Of(
                $"INSERT INTO {options.Schema}.inbox (consumer, message_id) SELECT * FROM unnest($1::text[], $2::uuid[])",
                inbox.Select(m => m.Consumer).ToArray(), inbox.Select(m => m.MessageId).ToArray()));
        }

        var outbox = sessions.SelectMany(m => m.Session._outbox.Select(e => (Entry: e, m.Metadata, m.TraceState))).ToList();
        if (outbox.Count > 0)
        {
            batch.BatchCommands.Add(OutboxCommand(options, outbox));
            batch.BatchCommands.Add(BatchCommands.Of("SELECT pg_notify($1, '')", options.OutboxChannel));
        }
    }

    /// <summary>Runs the batch; the events it recorded, in position order, each with the session it belongs to.</summary>
    private static async Task<List<(EventSession Session, RecordedEvent Event)>> ExecuteAsync(
        NpgsqlBatch batch, EventStoreOptions options, Dictionary<Guid, PendingEvent> pending, CancellationToken cancellationToken)
    {
        var recorded = new List<(EventSession Session, RecordedEvent Event)>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (reader.FieldCount == 4 && await reader.ReadAsync(cancellationToken))
                {
                    var (session, action, @event, metadata) = pending[reader.GetGuid(1)];
                    recorded.Add((session, new RecordedEvent(reader.GetInt64(0), reader.GetGuid(1), action.StreamId, reader.GetInt64(2),
                        options.Events.NameOf(@event.GetType()).Name, @event, metadata, reader.GetFieldValue<DateTimeOffset>(3))));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        recorded.Sort((a, b) => a.Event.Position.CompareTo(b.Event.Position));
        return recorded;
    }

    /// <summary>
    /// A stream was not where an append expected it: version n taken by another writer (unique violation), or the
    /// expected version n missing (the version expression yields NULL).
    /// </summary>
    private static bool IsVersionConflict(PostgresException e) =>
        e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "events_stream_id_version_key" }
            or { SqlState: PostgresErrorCodes.NotNullViolation, TableName: "events", ColumnName: "version" };

    /// <summary>Reads where the streams really are; null when every expectation held (an "any version" race).</summary>
    private async Task<ConcurrencyException?> FindConflictAsync(CancellationToken cancellationToken)
    {
        var expectations = Events.Actions.Where(a => a.ExpectedVersion >= 0).DistinctBy(a => a.StreamId).ToList();
        if (expectations.Count == 0)
        {
            return null;
        }

        await using var command = _store.DataSource.CreateCommand(
            $"SELECT stream_id, max(version) FROM {_store.Options.Schema}.events WHERE stream_id = ANY($1) GROUP BY stream_id");
        command.Parameters.Add(new NpgsqlParameter { Value = expectations.Select(a => a.StreamId).ToArray() });
        var actual = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                actual[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return expectations
            .Select(a => (Action: a, Actual: actual.GetValueOrDefault(a.StreamId)))
            .Where(x => x.Actual != x.Action.ExpectedVersion)
            .Select(x => new ConcurrencyException(x.Action.StreamId, x.Action.ExpectedVersion, x.Actual))
            .FirstOrDefault();
    }

    private NpgsqlBatchCommand AppendCommand(
        EventStoreOptions options, StreamAction action, EventMetadata metadata, Dictionary<Guid, PendingEvent> pending)
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
            pending[ids[i]] = new PendingEvent(this, action, @event, metadata);
        }

        var schema = options.Schema;
        // The version of each new event; see IsVersionConflict for how a wrong expectation fails the whole batch.
        var ordinal = ids.Length == 1 ? "1" : "e.ord";
        var version = action.ExpectedVersion switch
        {
            0 => ordinal,
            StreamOperations.AnyVersion => $"(SELECT coalesce(max(version), 0) FROM {schema}.events WHERE stream_id = $1) + {ordinal}",
            _ => $"CASE WHEN EXISTS (SELECT 1 FROM {schema}.events WHERE stream_id = $1 AND version = $7) THEN $7 + {ordinal} END",
        };
        // One event (the common case) plans cheaper as VALUES than as unnest of one-element arrays.
        var rows = ids.Length == 1
            ? $"VALUES ($2, $1, {version}, $3, $4, $5::jsonb, $6::jsonb)"
            : $"SELECT e.id, $1, {version}, e.type, e.schema_version, e.data::jsonb, $6::jsonb " +
              "FROM unnest($2::uuid[], $3::text[], $4::int[], $5::text[]) WITH ORDINALITY AS e(id, type, schema_version, data, ord)";
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO {schema}.events (id, stream_id, version, type, schema_version, data, metadata)
            {rows}
            RETURNING seq, id, version, recorded_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = action.StreamId });
        if (ids.Length == 1)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ids[0] });
            command.Parameters.Add(new NpgsqlParameter { Value = types[0] });
            command.Parameters.Add(new NpgsqlParameter { Value = versions[0] });
            command.Parameters.Add(new NpgsqlParameter { Value = data[0] });
        }
        else
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ids });
            command.Parameters.Add(new NpgsqlParameter { Value = types });
            command.Parameters.Add(new NpgsqlParameter { Value = versions });
            command.Parameters.Add(new NpgsqlParameter { Value = data });
        }
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(metadata, EventTypeRegistry.Json) });
        if (action.ExpectedVersion > 0)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = action.ExpectedVersion });
        }

        return command;
    }

    /// <summary>
    /// Several actions of one kind — all starting new streams, all appending at any version, or all appending at an
    /// expected version to distinct streams — as one insert, each event with the metadata of its session. Each event's
    /// version is its place in its stream among these actions, after the stream's current end for appends at any
    /// version, and after the expected version when the stream is there (else NULL, the conflict) for the others; the
    /// subqueries see the table as it was before this statement.
    /// </summary>
    private static NpgsqlBatchCommand BulkAppendCommand(EventStoreOptions options, List<SessionAction> actions, Dictionary<Guid, PendingEvent> pending)
    {
        var count = actions.Sum(a => a.Action.Events.Count);
        var ids = new Guid[count];
        var streams = new string[count];
        var ordinals = new long[count];
        var types = new string[count];
        var versions = new int[count];
        var data = new string[count];
        var metadata = new string[count];
        var expected = new long[count];
        var next = new Dictionary<string, long>(StringComparer.Ordinal);
        var json = new Dictionary<EventMetadata, string>(ReferenceEqualityComparer.Instance);
        var i = 0;
        foreach (var (session, action, eventMetadata) in actions)
        {
            var metadataJson = json.TryGetValue(eventMetadata, out var known)
                ? known
                : json[eventMetadata] = JsonSerializer.Serialize(eventMetadata, EventTypeRegistry.Json);
            foreach (var @event in action.Events)
            {
                ids[i] = Guid.CreateVersion7();
                streams[i] = action.StreamId;
                ordinals[i] = next[action.StreamId] = next.GetValueOrDefault(action.StreamId) + 1;
                expected[i] = action.ExpectedVersion;
                (types[i], versions[i]) = options.Events.NameOf(@event.GetType());
                data[i] = options.Events.Serialize(@event);
                metadata[i] = metadataJson;
                pending[ids[i]] = new PendingEvent(session, action, @event, eventMetadata);
                i++;
            }
        }

        var schema = options.Schema;
        var version = actions[0].Action.ExpectedVersion switch
        {
            0 => "e.ord",
            StreamOperations.AnyVersion => $"(SELECT coalesce(max(version), 0) FROM {schema}.events WHERE stream_id = e.stream_id) + e.ord",
            _ => "CASE WHEN x.found THEN e.expected + e.ord END",
        };
        // Whether each expected version is there, looked up by its key for each row: a correlated EXISTS may be planned
        // as a hash over the whole events table.
        var expectedThere = actions[0].Action.ExpectedVersion > 0
            ? $"LEFT JOIN LATERAL (SELECT true AS found FROM {schema}.events WHERE stream_id = e.stream_id AND version = e.expected LIMIT 1) x ON true"
            : "";
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO {schema}.events (id, stream_id, version, type, schema_version, data, metadata)
            SELECT e.id, e.stream_id, {version}, e.type, e.schema_version, e.data::jsonb, e.metadata::jsonb
            FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::int[], $6::text[], $7::text[], $8::bigint[])
                AS e(id, stream_id, ord, type, schema_version, data, metadata, expected)
            {expectedThere}
            RETURNING seq, id, version, recorded_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        command.Parameters.Add(new NpgsqlParameter { Value = streams });
        command.Parameters.Add(new NpgsqlParameter { Value = ordinals });
        command.Parameters.Add(new NpgsqlParameter { Value = types });
        command.Parameters.Add(new NpgsqlParameter { Value = versions });
        command.Parameters.Add(new NpgsqlParameter { Value = data });
        command.Parameters.Add(new NpgsqlParameter { Value = metadata });
        command.Parameters.Add(new NpgsqlParameter { Value = expected });
        return command;
    }

    private static NpgsqlBatchCommand OutboxCommand(EventStoreOptions options, List<(OutboxEntry Entry, EventMetadata Metadata, string? TraceState)> entries)
    {
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO {options.Schema}.outbox (message_id, message_type, body, stream_id, correlation_id, traceparent, tracestate)
            SELECT m.id, m.type, m.body::jsonb, m.stream_id, m.correlation_id, m.traceparent, m.tracestate
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[])
                AS m(id, type, body, stream_id, correlation_id, traceparent, tracestate)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Entry.MessageId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => MessageTypeRegistry.NameOf(e.Entry.Message.GetType())).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => OutboxJson.Serialize(e.Entry.Message)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Entry.StreamId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Metadata.CorrelationId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Metadata.TraceParent).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.TraceState).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return command;
    }

    private sealed record PendingEvent(EventSession Session, StreamAction Action, object Event, EventMetadata Metadata);

    private sealed record SessionAction(EventSession Session, StreamAction Action, EventMetadata Metadata);
}

/// <summary>A session waiting for a group commit, with what it took from its caller's flow.</summary>
internal sealed record GroupedSession(EventSession Session, EventMetadata Metadata, string? TraceState);

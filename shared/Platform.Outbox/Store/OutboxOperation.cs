using System.Data.Common;
using System.Runtime.CompilerServices;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Platform.Outbox.Relay;
using Weasel.Core;
using Weasel.Storage;

namespace Platform.Outbox.Store;

/// <summary>
/// A session's outbox messages and inbox marks, written by one statement each (the outbox's with the NOTIFY) in the
/// session's batch however many the session holds — a grouped commit of sixty-four consumers' writes is three statements
/// beside its events, not a hundred and ninety-two. It returns no rows and says so (<see cref="NoDataReturnedCall"/>):
/// Marten would otherwise step past a result for it and hand the next operation's result to the one after.
/// </summary>
internal sealed class OutboxOperation(string schema) : StatementOperation
{
    private static readonly ConditionalWeakTable<IDocumentSession, OutboxOperation> Pending = new();

    private readonly List<QueuedMessage> _messages = [];
    private readonly List<(string Consumer, Guid MessageId)> _inbox = [];
    private bool _written;

    // Not a document: Marten treats operations on StorageFeatures as plain SQL, as it does its own QueueSqlCommand.
    public override Type DocumentType => typeof(Marten.Storage.StorageFeatures);

    /// <summary>The session's operation, queued on first use; a new one once the last was written by a commit.</summary>
    public static OutboxOperation Of(IDocumentSession session)
    {
        if (Pending.TryGetValue(session, out var pending) && !pending._written)
        {
            return pending;
        }

        var operation = new OutboxOperation(session.DocumentStore.Options.DatabaseSchemaName);
        Pending.AddOrUpdate(session, operation);
        session.QueueOperation(operation);
        return operation;
    }

    public void Add(QueuedMessage message) => _messages.Add(message);

    public void MarkProcessed(string consumer, Guid messageId) => _inbox.Add((consumer, messageId));

    public override void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        _written = true;
        var first = true;
        if (_inbox.Count > 0)
        {
            var parameters = builder.AppendWithDbParameters(
                $"INSERT INTO {schema}.inbox (consumer, message_id) SELECT * FROM unnest(?::text[], ?::uuid[])");
            Set(parameters[0], _inbox.Select(m => m.Consumer).ToArray(), NpgsqlDbType.Text);
            Set(parameters[1], _inbox.Select(m => m.MessageId).ToArray(), NpgsqlDbType.Uuid);
            first = false;
        }

        if (_messages.Count == 0)
        {
            return;
        }

        if (!first)
        {
            builder.StartNewCommand();
        }

        // The NOTIFY that wakes the relay rides in the insert: a statement of its own would return a row, which Marten
        // would take for the result of the operation after this one in its batch.
        var rows = builder.AppendWithDbParameters($"""
            INSERT INTO {schema}.outbox (message_id, message_type, body, stream_id, correlation_id, traceparent, tracestate)
            SELECT m.id, m.type, m.body::jsonb, m.stream_id, m.correlation_id, m.traceparent, m.tracestate
            FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[])
                AS m(id, type, body, stream_id, correlation_id, traceparent, tracestate),
                (SELECT pg_notify(?, '')) AS notified
            """);
        Set(rows[0], _messages.Select(m => m.MessageId).ToArray(), NpgsqlDbType.Uuid);
        Set(rows[1], _messages.Select(m => m.MessageType).ToArray(), NpgsqlDbType.Text);
        Set(rows[2], _messages.Select(m => m.Body).ToArray(), NpgsqlDbType.Text);
        Set(rows[3], _messages.Select(m => m.StreamId).ToArray(), NpgsqlDbType.Text);
        Set(rows[4], _messages.Select(m => m.CorrelationId).ToArray(), NpgsqlDbType.Uuid);
        Set(rows[5], _messages.Select(m => m.TraceParent).ToArray(), NpgsqlDbType.Text);
        Set(rows[6], _messages.Select(m => m.TraceState).ToArray(), NpgsqlDbType.Text);
        rows[7].Value = OutboxStorage.ChannelOf(schema);
    }

    private static void Set(DbParameter parameter, Array values, NpgsqlDbType elementType)
    {
        var npgsql = (NpgsqlParameter)parameter;
        npgsql.NpgsqlDbType = NpgsqlDbType.Array | elementType;
        npgsql.Value = values;
    }
}

/// <summary>An outbox message waiting for its session's commit.</summary>
internal sealed record QueuedMessage(
    Guid MessageId, string MessageType, string Body, string? StreamId, Guid? CorrelationId, string? TraceParent, string? TraceState);

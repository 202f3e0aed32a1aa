using System.Diagnostics;
using System.Text.Json;
using Marten;
using Platform.Outbox.Relay;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// The integration messages of one sync chunk, queued on its session as one multi-row INSERT into the outbox and one
/// NOTIFY — the rows <c>session.Publish</c> writes one statement each (two per message), which would double an import's
/// statements. Same columns, same meaning: the chunk's correlation id and the trace of the flow writing it.
/// </summary>
internal sealed class OutboxBatch
{
    private readonly List<Guid> _ids = [];
    private readonly List<string> _types = [];
    private readonly List<string> _bodies = [];
    private readonly List<string> _streams = [];

    public void Add(object message, Guid messageId, string streamId)
    {
        _ids.Add(messageId);
        _types.Add(MessageTypeRegistry.NameOf(message.GetType()));
        // The relay's format: the contracts' camelCase JSON (OutboxJson, internal to the outbox library).
        _bodies.Add(JsonSerializer.Serialize(message, message.GetType(), JsonSerializerOptions.Web));
        _streams.Add(streamId);
    }

    /// <summary>Queues the messages added so far on <paramref name="session"/>, in the order they were added.</summary>
    public void Queue(IDocumentSession session)
    {
        if (_ids.Count == 0)
        {
            return;
        }

        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var activity = Activity.Current;
        session.QueueSqlCommand($"""
            INSERT INTO {schema}.outbox (message_id, message_type, body, stream_id, correlation_id, traceparent, tracestate)
            SELECT m.id, m.type, m.body::jsonb, m.stream, ?::uuid, ?::text, ?::text
            FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS m(id, type, body, stream, ord)
            ORDER BY m.ord
            """,
            Guid.TryParse(session.CorrelationId, out var correlation) ? correlation : DBNull.Value, (object?)activity?.Id ?? DBNull.Value,
            (object?)activity?.TraceStateString ?? DBNull.Value, _ids.ToArray(), _types.ToArray(), _bodies.ToArray(), _streams.ToArray());
        session.QueueSqlCommand("SELECT pg_notify(?, '')", OutboxStorage.ChannelOf(schema));
    }
}

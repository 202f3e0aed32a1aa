using System.Diagnostics;
using System.Text.Json;
using Marten;
using Platform.Outbox.Relay;

namespace Platform.Auth.Login;

/// <summary>
/// Stop-gap for the shared <c>session.Publish</c> (SessionOutbox) of this branch: the same outbox row, with the relay's
/// NOTIFY folded into the INSERT. The shared version queues a separate <c>SELECT pg_notify(…)</c>, whose one-row
/// result set Marten does not expect: a stream insert queued after it in the same batch (every login's events are)
/// reads that result instead of its own and the commit fails (InvalidCastException, "DataTypeName 'void'"). To go
/// once the shared fix is in: then <c>session.Publish</c> again.
/// </summary>
internal static class OutboxWrites
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void PublishWithEvents(this IDocumentSession session, object message, Guid messageId, string streamId)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var activity = Activity.Current;
        session.QueueSqlCommand($"""
            INSERT INTO {schema}.outbox (message_id, message_type, body, stream_id, correlation_id, traceparent, tracestate)
            SELECT ?::uuid, ?::text, ?::jsonb, ?::text, ?::uuid, ?::text, ?::text FROM (SELECT pg_notify(?, '')) AS notified
            """,
            messageId, MessageTypeRegistry.NameOf(message.GetType()), JsonSerializer.Serialize(message, message.GetType(), Json), streamId,
            Guid.TryParse(session.CorrelationId, out var correlation) ? correlation : DBNull.Value,
            (object?)activity?.Id ?? DBNull.Value, (object?)activity?.TraceStateString ?? DBNull.Value, OutboxStorage.ChannelOf(schema));
    }
}

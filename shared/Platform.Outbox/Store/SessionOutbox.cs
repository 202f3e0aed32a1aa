using System.Diagnostics;
using Marten;
using MassTransit;
using Platform.Outbox.Relay;

namespace Platform.Outbox.Store;

/// <summary>
/// The outbox and inbox joined to a Marten unit of work: the rows go into the session's own batch, so they commit
/// with its events and documents or not at all.
/// </summary>
public static class SessionOutbox
{
    /// <summary>
    /// Queues an integration message; the relay publishes it after commit with <paramref name="messageId"/> as its
    /// MassTransit message id, the session's correlation id and the trace context of the flow publishing it.
    /// </summary>
    public static void Publish(this IDocumentSession session, object message, Guid messageId, string? streamId = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var activity = Activity.Current;
        OutboxOperation.Of(session).Add(new QueuedMessage(
            messageId, MessageTypeRegistry.NameOf(message.GetType()), OutboxJson.Serialize(message), streamId,
            Guid.TryParse(session.CorrelationId, out var correlation) ? correlation : null, activity?.Id, activity?.TraceStateString));
    }

    /// <summary>Records that <paramref name="consumer"/> handled <paramref name="messageId"/>; a second commit of the same pair fails (<see cref="StoreErrors.IsDuplicateMessage"/>).</summary>
    public static void MarkProcessed(this IDocumentSession session, string consumer, Guid messageId) =>
        OutboxOperation.Of(session).MarkProcessed(consumer, messageId);

    /// <summary>
    /// Ties the unit of work to the message being consumed: correlation and causation come from it, and the inbox
    /// records it for <paramref name="consumer"/> so that a redelivery commits nothing.
    /// </summary>
    public static IDocumentSession CausedBy(this IDocumentSession session, ConsumeContext context, string consumer, string actor)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without a message id cannot be de-duplicated.");
        session.CorrelationId = (context.CorrelationId ?? context.ConversationId)?.ToString();
        session.CausationId = messageId.ToString();
        session.LastModifiedBy = actor;
        session.MarkProcessed(consumer, messageId);
        return session;
    }

    /// <summary>Commits, treating "already processed" as done; returns false for such a redelivery.</summary>
    public static async Task<bool> SaveChangesOnceAsync(this IDocumentSession session, CancellationToken cancellationToken)
    {
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (StoreErrors.IsDuplicateMessage(e))
        {
            return false;
        }
    }
}

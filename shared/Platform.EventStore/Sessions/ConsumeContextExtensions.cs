using MassTransit;

namespace Platform.EventStore.Sessions;

public static class ConsumeContextExtensions
{
    /// <summary>
    /// Ties the unit of work to the message being consumed: correlation and causation come from it, and the inbox
    /// records it for <paramref name="consumer"/> so that a redelivery commits nothing.
    /// </summary>
    public static EventSession CausedBy(this EventSession session, ConsumeContext context, string consumer, string actor)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without a message id cannot be de-duplicated.");
        session.CorrelationId = context.CorrelationId ?? context.ConversationId;
        session.CausationId = messageId;
        session.Actor = actor;
        session.MarkProcessed(consumer, messageId);
        return session;
    }

    /// <summary>Commits, treating "already processed" as done; returns false for such a redelivery.</summary>
    public static async Task<bool> SaveChangesOnceAsync(this EventSession session, CancellationToken cancellationToken)
    {
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DuplicateMessageException)
        {
            return false;
        }
    }
}

using MassTransit;
using Platform.EventStore.Sessions;

namespace Platform.Auth.Links;

internal static class LoginLinkSessions
{
    /// <summary>The request's id, which a redelivery keeps: the links it gets replace those of an earlier delivery.</summary>
    public static Guid RequestId(ConsumeContext context) =>
        context.RequestId ?? context.MessageId ?? throw new InvalidOperationException("A login link request needs a request id.");

    /// <summary>The unit of work of a link request, caused by its message and acting for <paramref name="purposes"/>.</summary>
    public static EventSession For(EventStore.EventStore store, ConsumeContext context, string purposes)
    {
        var session = store.LightweightSession();
        session.Actor = "system:" + purposes;
        session.CausationId = context.MessageId;
        session.CorrelationId = context.CorrelationId ?? context.ConversationId;
        return session;
    }
}

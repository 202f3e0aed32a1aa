using Marten;
using MassTransit;

namespace Platform.Auth.Links;

internal static class LoginLinkSessions
{
    /// <summary>The request's id, which a redelivery keeps: the links it gets replace those of an earlier delivery.</summary>
    public static Guid RequestId(ConsumeContext context) =>
        context.RequestId ?? context.MessageId ?? throw new InvalidOperationException("A login link request needs a request id.");

    /// <summary>
    /// Records the links in <paramref name="session"/>, caused by the request's message and acting for
    /// <paramref name="purposes"/>. No inbox mark: a redelivered request gets new links that supersede the first.
    /// </summary>
    public static void Record(IDocumentSession session, ConsumeContext context, string purposes, IEnumerable<LoginLinkCreated> links)
    {
        session.LastModifiedBy = "system:" + purposes;
        session.CausationId = context.MessageId?.ToString();
        session.CorrelationId = (context.CorrelationId ?? context.ConversationId)?.ToString();
        foreach (var link in links)
        {
            session.Events.Append(LoginLinkCreated.StreamId(link.RequestId), link);
        }
    }
}

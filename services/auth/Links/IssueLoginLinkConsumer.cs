using MassTransit;
using Platform.Contracts;

namespace Platform.Auth.Links;

/// <summary>
/// Answers <see cref="IssueLoginLink"/> with a URL carrying a fresh random token; only its hash is stored. A
/// redelivered request gets a new link that replaces the first (see <see cref="LoginLinkCreated"/>). A request for a
/// user the registry does not know is answered with a refusal, not a link (<see cref="KnownUsers"/>).
/// </summary>
public sealed class IssueLoginLinkConsumer(
    EventStore.EventStore store, LoginLinkIssuer issuer, KnownUsers known) : IConsumer<IssueLoginLink>
{
    public async Task Consume(ConsumeContext<IssueLoginLink> context)
    {
        if (await known.AreKnownAsync([context.Message], context.CancellationToken) is [false])
        {
            if (!KnownUsers.RefuseNow(context.GetRetryAttempt()))
            {
                throw new UserNotKnownYetException();
            }

            await context.RespondAsync(known.Refuse(context.Message));
            return;
        }

        var requestId = LoginLinkSessions.RequestId(context);
        var session = LoginLinkSessions.For(store, context, context.Message.Purpose);
        var issued = issuer.Issue(session, requestId, context.Message);
        await session.SaveChangesAsync(context.CancellationToken);
        await context.RespondAsync(issued);
    }
}

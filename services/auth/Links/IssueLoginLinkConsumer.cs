using MassTransit;
using Platform.Contracts;
using Platform.Outbox.Store;

namespace Platform.Auth.Links;

/// <summary>
/// Answers <see cref="IssueLoginLink"/> with a URL carrying a fresh random token; only its hash is stored. A
/// redelivered request gets a new link that replaces the first (see <see cref="LoginLinkCreated"/>). A request for a
/// user the registry does not know is answered with a refusal, not a link (<see cref="KnownUsers"/>). On the first-spam
/// flow (a welcome's link): committed with other requests' links when they come together.
/// </summary>
public sealed class IssueLoginLinkConsumer(
    GroupCommits commits, LoginLinkIssuer issuer, KnownUsers known) : IConsumer<IssueLoginLink>
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

        var (created, issued) = issuer.Issue(LoginLinkSessions.RequestId(context), context.Message);
        await commits.SaveAsync(session => LoginLinkSessions.Record(session, context, context.Message.Purpose, [created]), context.CancellationToken);
        await context.RespondAsync(issued);
    }
}

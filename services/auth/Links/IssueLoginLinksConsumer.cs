using MassTransit;
using Platform.Contracts;
using Platform.Outbox.Store;

namespace Platform.Auth.Links;

/// <summary>
/// Answers <see cref="IssueLoginLinks"/>: every link of the request recorded in one commit, answered together in the
/// request's order. One address that is not of its domain fails the whole request (the asker never sends such); a user
/// the registry does not know gets a refusal in their place (<see cref="KnownUsers"/>), the others their links.
/// </summary>
public sealed class IssueLoginLinksConsumer(
    GroupCommits commits, LoginLinkIssuer issuer, KnownUsers known) : IConsumer<IssueLoginLinks>
{
    public async Task Consume(ConsumeContext<IssueLoginLinks> context)
    {
        var requestId = LoginLinkSessions.RequestId(context);
        var requests = context.Message.Links ?? [];
        if (requests.Count is 0 or > IssueLoginLinks.MaxLinks)
        {
            throw new ArgumentException($"IssueLoginLinks asks for {requests.Count} links; 1 to {IssueLoginLinks.MaxLinks} are answered.");
        }

        var isKnown = await known.AreKnownAsync(requests, context.CancellationToken);
        if (isKnown.Contains(false) && !KnownUsers.RefuseNow(context.GetRetryAttempt()))
        {
            throw new UserNotKnownYetException();
        }

        var links = requests.Select((request, i) => isKnown[i]
            ? issuer.Issue(LoginLinkIssuer.ItemRequestId(requestId, i), request)
            : (Created: null, Answer: known.Refuse(request))).ToList();
        var created = links.Select(l => l.Created).OfType<LoginLinkCreated>().ToList();
        if (created.Count > 0)
        {
            await commits.SaveAsync(session => LoginLinkSessions.Record(session, context, string.Join(",", requests.Select(r => r.Purpose).Distinct()), created),
                context.CancellationToken);
        }

        await context.RespondAsync(new LoginLinksIssued { Links = [.. links.Select(l => l.Answer)] });
    }
}

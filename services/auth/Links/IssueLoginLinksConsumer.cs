using MassTransit;
using Platform.Contracts;

namespace Platform.Auth.Links;

/// <summary>
/// Answers <see cref="IssueLoginLinks"/>: every link of the request recorded in one commit, answered together in the
/// request's order. One address that is not of its domain fails the whole request (the asker never sends such).
/// </summary>
public sealed class IssueLoginLinksConsumer(EventStore.EventStore store, LoginLinkIssuer issuer) : IConsumer<IssueLoginLinks>
{
    public async Task Consume(ConsumeContext<IssueLoginLinks> context)
    {
        var requestId = LoginLinkSessions.RequestId(context);
        var requests = context.Message.Links ?? [];
        if (requests.Count is 0 or > IssueLoginLinks.MaxLinks)
        {
            throw new ArgumentException($"IssueLoginLinks asks for {requests.Count} links; 1 to {IssueLoginLinks.MaxLinks} are answered.");
        }

        var session = LoginLinkSessions.For(store, context, string.Join(",", requests.Select(r => r.Purpose).Distinct()));
        var issued = requests.Select((request, i) => issuer.Issue(session, LoginLinkIssuer.ItemRequestId(requestId, i), request)).ToList();
        await session.SaveChangesAsync(context.CancellationToken);
        await context.RespondAsync(new LoginLinksIssued { Links = issued });
    }
}

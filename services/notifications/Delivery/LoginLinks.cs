using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts;

namespace Platform.Notifications.Delivery;

/// <summary>Asks auth for a one-time login link (bus request/response), right before a mail that carries one is sent.</summary>
public sealed class LoginLinks(IBus bus, IOptions<DeliveryOptions> options)
{
    /// <summary>The link, or null when auth did not answer in time or refused: the mail waits for a later attempt.</summary>
    public async Task<LoginLinkIssued?> IssueAsync(string domain, string email, string purpose, CancellationToken cancellationToken)
    {
        var client = bus.CreateRequestClient<IssueLoginLink>(RequestTimeout.After(ms: (int)options.Value.LinkTimeout.TotalMilliseconds));
        try
        {
            var response = await client.GetResponse<LoginLinkIssued>(
                new IssueLoginLink { Domain = domain, Email = email, Purpose = purpose }, cancellationToken);
            return response.Message;
        }
        catch (Exception e) when (e is RequestTimeoutException or RequestFaultException)
        {
            return null;
        }
    }
}

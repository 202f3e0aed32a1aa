using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Outbox.Batching;

namespace Platform.Notifications.Delivery;

/// <summary>
/// Asks auth for one-time login links (bus request/response), right before the mails that carry them are sent. The
/// links asked for while a request is out go together in the next one (<see cref="IssueLoginLinks"/>, up to
/// <see cref="MaxBatch"/>): the lanes attempt the mails of a claim at once, and auth then issues their links in one
/// commit. A link asked for alone goes as <see cref="IssueLoginLink"/>, in the trace of the mail it is for.
/// </summary>
public sealed class LoginLinks(IBus bus, IOptions<DeliveryOptions> options)
{
    public const int MaxBatch = 100;

    private readonly Batcher<Wanted, LoginLinkIssued?> _requests = new(batch => RequestAsync(bus, options.Value, batch), MaxBatch);

    /// <summary>The link, or null when auth did not answer in time or refused: the mail waits for a later attempt.</summary>
    /// <remarks>A lane that stops stops waiting at once; the request itself ends by its answer or its timeout.</remarks>
    public Task<LoginLinkIssued?> IssueAsync(string domain, string email, string purpose, CancellationToken cancellationToken) =>
        _requests.RunAsync(new Wanted(new IssueLoginLink { Domain = domain, Email = email, Purpose = purpose }, Activity.Current), cancellationToken);

    /// <summary>The links of <paramref name="batch"/> in its order, or nulls when auth did not answer in time or refused.</summary>
    private static async Task<IReadOnlyList<LoginLinkIssued?>> RequestAsync(IBus bus, DeliveryOptions options, IReadOnlyList<Wanted> batch)
    {
        var timeout = RequestTimeout.After(ms: (int)options.LinkTimeout.TotalMilliseconds);
        try
        {
            if (batch.Count == 1)
            {
                Activity.Current = batch[0].Activity;
                var client = bus.CreateRequestClient<IssueLoginLink>(timeout);
                return [Usable((await client.GetResponse<LoginLinkIssued>(batch[0].Request)).Message)];
            }

            var batchClient = bus.CreateRequestClient<IssueLoginLinks>(timeout);
            var response = await batchClient.GetResponse<LoginLinksIssued>(new IssueLoginLinks { Links = batch.Select(w => w.Request).ToList() });
            if (response.Message.Links.Count == batch.Count)
            {
                return [.. response.Message.Links.Select(Usable)];
            }

        }
        catch (Exception)
        {
            // No answer in time, a refusal, or the bus unavailable: the mails wait for their next attempt. Nothing may
            // leave the callers of this batch waiting for ever.
        }
        finally
        {
            Activity.Current = null;
        }

        return [.. batch.Select(_ => (LoginLinkIssued?)null)];
    }

    /// <summary>A refusal (the registry does not know the user) is no link: the mail waits, as for no answer.</summary>
    private static LoginLinkIssued? Usable(LoginLinkIssued answer) => answer.Refusal is null ? answer : null;

    private sealed record Wanted(IssueLoginLink Request, Activity? Activity);
}

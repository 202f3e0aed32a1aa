using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts;

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

    private readonly Lock _lock = new();
    private readonly List<Waiting> _waiting = [];
    private bool _asking;

    /// <summary>The link, or null when auth did not answer in time or refused: the mail waits for a later attempt.</summary>
    public Task<LoginLinkIssued?> IssueAsync(string domain, string email, string purpose, CancellationToken cancellationToken)
    {
        var waiting = new Waiting(new IssueLoginLink { Domain = domain, Email = email, Purpose = purpose }, Activity.Current);
        bool start;
        lock (_lock)
        {
            _waiting.Add(waiting);
            start = !_asking;
            _asking = true;
        }

        if (start)
        {
            // The asking outlives this caller: it must not carry the caller's trace into every later request.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(AskAsync);
            }
        }

        // A lane that stops stops waiting at once; the request itself ends by its answer or its timeout.
        return waiting.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task AskAsync()
    {
        while (true)
        {
            List<Waiting> batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _asking = false;
                    return;
                }

                batch = _waiting.GetRange(0, Math.Min(MaxBatch, _waiting.Count));
                _waiting.RemoveRange(0, batch.Count);
            }

            var links = await RequestAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.SetResult(links?[i]);
            }
        }
    }

    /// <summary>The links of <paramref name="batch"/> in its order, or null when auth did not answer in time or refused.</summary>
    private async Task<IReadOnlyList<LoginLinkIssued>?> RequestAsync(List<Waiting> batch)
    {
        var timeout = RequestTimeout.After(ms: (int)options.Value.LinkTimeout.TotalMilliseconds);
        try
        {
            if (batch.Count == 1)
            {
                Activity.Current = batch[0].Activity;
                var client = bus.CreateRequestClient<IssueLoginLink>(timeout);
                return [(await client.GetResponse<LoginLinkIssued>(batch[0].Request)).Message];
            }

            var batchClient = bus.CreateRequestClient<IssueLoginLinks>(timeout);
            var response = await batchClient.GetResponse<LoginLinksIssued>(new IssueLoginLinks { Links = batch.Select(w => w.Request).ToList() });
            return response.Message.Links.Count == batch.Count ? response.Message.Links : null;
        }
        catch (Exception)
        {
            // No answer in time, a refusal, or the bus unavailable: the mails wait for their next attempt. Nothing may
            // leave the callers of this batch waiting for ever.
            return null;
        }
        finally
        {
            Activity.Current = null;
        }
    }

    private sealed record Waiting(IssueLoginLink Request, Activity? Activity)
    {
        public TaskCompletionSource<LoginLinkIssued?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Platform.DirectorySync.Recipients.Callout;

/// <summary>
/// Recipient verification by SMTP callout for domains without directory sync, gentle with the customer's server:
/// cached answers first; one dialog for all concurrent lookups of one address; at most
/// <see cref="CalloutOptions.MaxConcurrentPerServer"/> dialogs open with one server at a time.
/// </summary>
public sealed partial class RecipientCallout(SmtpCalloutClient client, CalloutCache cache, IOptions<CalloutOptions> options, ILogger<RecipientCallout> logger)
{
    private readonly CalloutOptions _options = options.Value;
    private readonly ConcurrentDictionary<CalloutKey, Lazy<Task<CalloutAnswer>>> _inFlight = new();
    private readonly ConcurrentDictionary<(string Host, int Port), SemaphoreSlim> _slots = new();

    /// <summary>
    /// The server's answer for <paramref name="address"/>, from the cache when it has one. Cancelling stops this
    /// caller's wait only: the dialog goes on for the others waiting on it, and its answer is cached.
    /// </summary>
    public Task<CalloutAnswer> VerifyAsync(CalloutServer server, string address, CancellationToken cancellationToken)
    {
        var key = CalloutKey.For(server, address);
        if (cache.Get(key) is { } cached)
        {
            return Task.FromResult(cached);
        }

        var flight = _inFlight.GetOrAdd(key, k => new Lazy<Task<CalloutAnswer>>(() => CallOutAsync(k, server, address)));
        return flight.Value.WaitAsync(cancellationToken);
    }

    private async Task<CalloutAnswer> CallOutAsync(CalloutKey key, CalloutServer server, string address)
    {
        try
        {
            var slots = _slots.GetOrAdd(server.Key, _ => new SemaphoreSlim(_options.MaxConcurrentPerServer, _options.MaxConcurrentPerServer));
            if (!await slots.WaitAsync(_options.QueueTimeout))
            {
                // Says nothing of the address: not cached.
                LogBusy(server.Host, server.Port);
                return CalloutAnswer.Unknown("busy: no free callout slot for the server");
            }

            try
            {
                // An earlier dialog for this address may have finished while this one waited for its turn.
                if (cache.Get(key) is { } cached)
                {
                    return cached;
                }

                var answer = await client.VerifyAsync(server, address, CancellationToken.None);
                cache.Set(key, answer);
                LogAnswered(server.Host, server.Port, answer.Outcome, answer.Reason);
                return answer;
            }
            finally
            {
                slots.Release();
            }
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Callout to {Host}:{Port} answered {Outcome} ({Reason})")]
    private partial void LogAnswered(string host, int port, CalloutOutcome outcome, string reason);

    [LoggerMessage(LogLevel.Warning, "Callout to {Host}:{Port} found no free slot in time: too many lookups waiting for that server")]
    private partial void LogBusy(string host, int port);
}

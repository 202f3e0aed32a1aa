using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Http;

namespace Platform.Auth.Lockout;

/// <summary>
/// Per client address (an IPv6 client by its /64), in this replica's memory: every login attempt is rate limited
/// (<see cref="LockoutOptions.ClientAttemptsPerMinute"/>), and failed ones are counted over all accounts
/// (<see cref="LockoutOptions.ClientFailuresAllowed"/> per <see cref="LockoutOptions.ClientWindow"/>), so one address
/// trying one password on many accounts is stopped though no single account locks.
/// </summary>
public sealed class ClientThrottle(IOptions<LockoutOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly LockoutOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Counts> _clients = new(StringComparer.Ordinal);

    public int TrackedClients => _clients.Count;

    /// <summary>Counts an attempt; how long the client must wait when it may not try now.</summary>
    public TimeSpan? Attempt(string? client)
    {
        if (client is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var counts = _clients.AddOrUpdate(client, _ => new Counts(default(SlidingCount).Add(now, Minute), default, now),
            (_, c) => c with { Attempts = c.Attempts.Add(now, Minute), Seen = now });
        Trim();
        if (counts.Failures.Estimate(now, _options.ClientWindow) >= _options.ClientFailuresAllowed)
        {
            return counts.Failures.UntilBelow(_options.ClientFailuresAllowed, now, _options.ClientWindow);
        }

        return counts.Attempts.Estimate(now, Minute) > _options.ClientAttemptsPerMinute
            ? counts.Attempts.UntilBelow(_options.ClientAttemptsPerMinute, now, Minute)
            : null;
    }

    /// <summary>Counts a failed credential from the client.</summary>
    public void Failed(string? client)
    {
        if (client is not null)
        {
            var now = clock.GetUtcNow();
            _clients.AddOrUpdate(client, _ => new Counts(default, default(SlidingCount).Add(now, _options.ClientWindow), now),
                (_, c) => c with { Failures = c.Failures.Add(now, _options.ClientWindow), Seen = now });
        }
    }

    /// <summary>Beyond the limit, the clients seen longest ago are forgotten.</summary>
    private void Trim()
    {
        if (_clients.Count <= _options.MaxTrackedClients)
        {
            return;
        }

        foreach (var (client, _) in _clients.OrderBy(c => c.Value.Seen).Take(_clients.Count - _options.MaxTrackedClients + (_options.MaxTrackedClients / 10)))
        {
            _clients.TryRemove(client, out _);
        }
    }

    private sealed record Counts(SlidingCount Attempts, SlidingCount Failures, DateTimeOffset Seen);
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Platform.Auth.Lockout;

/// <summary>
/// Failed credentials per client address (an IPv6 client by its /64) over all accounts, in this replica's memory:
/// <see cref="LockoutOptions.ClientFailuresAllowed"/> per sliding <see cref="LockoutOptions.ClientWindow"/>, so one
/// address trying one password on many accounts is stopped though no single account locks. Counted with .NET's
/// sliding-window rate limiter, one permit per failure; the rate limiter middleware cannot do it, as it counts requests
/// before they are answered, and only a failed one counts here.
/// </summary>
public sealed class ClientFailures : IDisposable
{
    private const int Segments = 10;
    private readonly LockoutOptions _options;
    private readonly PartitionedRateLimiter<string> _failures;

    public ClientFailures(IOptions<LockoutOptions> options)
    {
        _options = options.Value;
        // A client's limiter is dropped by the partitioned limiter once a window has passed without a failure.
        _failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetSlidingWindowLimiter(client, _ =>
            new SlidingWindowRateLimiterOptions
            {
                PermitLimit = _options.ClientFailuresAllowed, Window = _options.ClientWindow, SegmentsPerWindow = Segments, QueueLimit = 0,
            }));
    }

    /// <summary>How long the client must wait when it has had its failures of the window; null when it may try.</summary>
    public TimeSpan? WaitFor(string? client)
    {
        if (client is null)
        {
            return null;
        }

        using var lease = _failures.AttemptAcquire(client, permitCount: 0);
        // The sliding window says no more than no: its oldest segment is the soonest a failure is forgotten.
        return lease.IsAcquired ? null : _options.ClientWindow / Segments;
    }

    /// <summary>Counts a failed credential from the client.</summary>
    public void Failed(string? client)
    {
        if (client is not null)
        {
            _failures.AttemptAcquire(client).Dispose();
        }
    }

    public void Dispose() => _failures.Dispose();
}

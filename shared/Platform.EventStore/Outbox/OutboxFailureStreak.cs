namespace Platform.EventStore.Outbox;

/// <summary>Consecutive failures of the relay: the backoff before the next attempt, and when to call it stalled.</summary>
internal sealed class OutboxFailureStreak(OutboxRelayOptions options, TimeProvider time)
{
    private static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(5);

    private int _count;
    private long _since;
    private long _reportedAt;

    public void Reset() => _count = 0;

    /// <summary>Counts a failure; returns how long to wait before the next attempt.</summary>
    public TimeSpan Next()
    {
        if (_count == 0)
        {
            _since = time.GetTimestamp();
            _reportedAt = _since;
        }

        var delay = options.MinRetryDelay * Math.Pow(2, Math.Min(_count++, 30));
        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }

    /// <summary>How long relaying has been failing, once it is long enough to say so (then every few minutes).</summary>
    public TimeSpan? Stalled()
    {
        if (_count == 0 || time.GetElapsedTime(_reportedAt) < StalledAfter)
        {
            return null;
        }

        _reportedAt = time.GetTimestamp();
        return time.GetElapsedTime(_since);
    }
}

namespace Platform.Outbox.Relay;

/// <summary>
/// Consecutive failures of the relay: the backoff before the next attempt, when to call it stalled, and since when
/// the broker has failed every publish. Only the relay's loop counts; <see cref="PublishingFailingSince"/> may be read
/// from any thread (health checks).
/// </summary>
internal sealed class OutboxFailureStreak(OutboxRelayOptions options, TimeProvider time)
{
    private int _count;
    private long _since;
    private long _reportedAt;

    /// <summary>UTC ticks; 0 while the broker has not failed every publish since the last success.</summary>
    private long _publishingFailingSince;

    /// <summary>
    /// When the broker began failing every publish of this streak, or null: the last attempt succeeded (or found nothing
    /// to do, or this replica is a standby), or the last failure was not the broker's.
    /// </summary>
    public DateTimeOffset? PublishingFailingSince =>
        Interlocked.Read(ref _publishingFailingSince) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void Reset()
    {
        _count = 0;
        Interlocked.Exchange(ref _publishingFailingSince, 0);
    }

    /// <summary>Counts a failure; returns how long to wait before the next attempt.</summary>
    /// <param name="publishFailed">
    /// The broker failed a publish. Any other failure (the database, an unreadable message) ends the publishing streak:
    /// a restart would not mend it, and whether the broker still fails is unknown until the relay publishes again.
    /// </param>
    public TimeSpan Next(bool publishFailed = false)
    {
        if (_count == 0)
        {
            _since = time.GetTimestamp();
            _reportedAt = _since;
        }

        if (!publishFailed)
        {
            Interlocked.Exchange(ref _publishingFailingSince, 0);
        }
        else if (Interlocked.Read(ref _publishingFailingSince) == 0)
        {
            Interlocked.Exchange(ref _publishingFailingSince, time.GetUtcNow().UtcTicks);
        }

        var delay = options.MinRetryDelay * Math.Pow(2, Math.Min(_count++, 30));
        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }

    /// <summary>How long relaying has been failing, once it is long enough to say so (then at the same interval).</summary>
    public TimeSpan? Stalled()
    {
        if (_count == 0 || time.GetElapsedTime(_reportedAt) < options.StalledAfter)
        {
            return null;
        }

        _reportedAt = time.GetTimestamp();
        return time.GetElapsedTime(_since);
    }
}

namespace Platform.DirectorySync.Recipients.Guard;

/// <summary>
/// The guard's count of invalid lookups: a sliding-window counter from two fixed buckets, the current window's count
/// plus the previous window's weighted by how much of it still overlaps the sliding window (an approximation that needs
/// two numbers per key, not a log). Immutable: every change returns a new value. Not ASP.NET Core's rate limiter: the guard counts outcomes (invalid
/// lookups, after the answer is known), reads one count against two thresholds (throttle, block) and sums a domain over
/// all clients, inside pure decisions that report each episode as an event; a limiter only grants or refuses permits.
/// </summary>
public readonly record struct SlidingCount(DateTimeOffset BucketStart, int Current, int Previous)
{
    public double Estimate(DateTimeOffset now, TimeSpan window)
    {
        var rolled = Roll(now, window);
        var intoBucket = (now - rolled.BucketStart) / window;
        return rolled.Current + (rolled.Previous * (1 - intoBucket));
    }

    public SlidingCount Add(DateTimeOffset now, TimeSpan window)
    {
        var rolled = Roll(now, window);
        return rolled with { Current = rolled.Current + 1 };
    }

    /// <summary>How long until the estimate falls below <paramref name="limit"/> with nothing more counted.</summary>
    public TimeSpan UntilBelow(double limit, DateTimeOffset now, TimeSpan window)
    {
        for (var wait = TimeSpan.FromSeconds(1); wait <= window * 2; wait += TimeSpan.FromSeconds(1))
        {
            if (Estimate(now + wait, window) < limit)
            {
                return wait;
            }
        }

        return window * 2;
    }

    private SlidingCount Roll(DateTimeOffset now, TimeSpan window)
    {
        if (now - BucketStart < window)
        {
            return this;
        }

        var start = BucketStart + (window * Math.Floor((now - BucketStart) / window));
        // One window on, the current bucket becomes the previous; two or more, both are empty.
        return now - BucketStart < window * 2 ? new SlidingCount(start, 0, Current) : new SlidingCount(start, 0, 0);
    }
}

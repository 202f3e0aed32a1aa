namespace Platform.ServiceDefaults.Clock;

/// <summary>
/// The real clock plus an offset that only grows: end-to-end tests and the demo run the services as processes, and
/// move a service's "now" forward (a report period passing) through <c>POST /test/clock</c>. Timers and timestamps
/// stay real, so nothing waits shorter; only what the service reads as the time of day moves.
/// Switched on by <c>Platform:TestClock:Enabled</c>, in the Development environment only (see <see cref="TestClockExtensions"/>).
/// </summary>
public sealed class TestClock(TimeProvider real) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    /// <summary>Moves the clock <paramref name="by"/> forward; a negative step is refused (time never runs back).</summary>
    public DateTimeOffset AdvanceBy(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        return GetUtcNow();
    }

    /// <summary>Moves the clock forward to <paramref name="to"/>; a moment already passed is refused.</summary>
    public DateTimeOffset AdvanceTo(DateTimeOffset to)
    {
        while (true)
        {
            var offset = Interlocked.Read(ref _offsetTicks);
            var needed = (to - real.GetUtcNow()).Ticks;
            if (needed < offset)
            {
                throw new ArgumentOutOfRangeException(nameof(to), to, "The test clock only moves forward, and it is later than that already.");
            }

            if (Interlocked.CompareExchange(ref _offsetTicks, needed, offset) == offset)
            {
                return GetUtcNow();
            }
        }
    }
}

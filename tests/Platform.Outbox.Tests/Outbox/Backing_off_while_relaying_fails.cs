using Platform.Outbox.Relay;
using Xunit;

namespace Platform.Outbox.Tests.Outbox;

public sealed class Backing_off_while_relaying_fails
{
    [Fact]
    public void Doubles_the_wait_from_the_minimum_up_to_the_maximum_and_starts_over_after_a_success()
    {
        var streak = new OutboxFailureStreak(new OutboxRelayOptions(), new ManualClock());

        var delays = Enumerable.Range(0, 10).Select(_ => streak.Next().TotalMilliseconds).ToList();
        streak.Reset();

        Assert.Equal([200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000], delays);
        Assert.Equal(TimeSpan.FromMilliseconds(200), streak.Next());
    }

    [Fact]
    public void Calls_relaying_stalled_after_five_minutes_of_failures_and_again_every_five_minutes()
    {
        var clock = new ManualClock();
        var streak = new OutboxFailureStreak(new OutboxRelayOptions(), clock);
        var reports = new List<TimeSpan?>();
        for (var second = 0; second <= 660; second += 30)
        {
            streak.Next();
            reports.Add(streak.Stalled());
            clock.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)], reports.Where(r => r is not null));
        streak.Reset();
        Assert.Null(streak.Stalled());
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Outbox.Relay;
using Xunit;

namespace Platform.Outbox.Tests.Outbox;

/// <summary>When the outbox-relay liveness check asks for a restart, and how the relay tracks its failing publishes.</summary>
public sealed class Reporting_a_stalled_relay
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Threshold = TimeSpan.FromMinutes(5);

    [Fact]
    public void Asks_for_a_restart_once_publishing_has_failed_for_the_threshold_while_the_broker_is_reachable()
    {
        Assert.Equal(HealthStatus.Unhealthy, OutboxRelayHealthCheck.Decide(Now - Threshold, Now, Threshold, brokerReachable: true));
        Assert.Equal(HealthStatus.Unhealthy, OutboxRelayHealthCheck.Decide(Now - TimeSpan.FromHours(1), Now, Threshold, brokerReachable: true));
    }

    [Fact]
    public void Stays_healthy_while_publishing_has_failed_for_less_than_the_threshold()
    {
        var justUnder = Now - Threshold + TimeSpan.FromSeconds(1);

        Assert.Equal(HealthStatus.Healthy, OutboxRelayHealthCheck.Decide(justUnder, Now, Threshold, brokerReachable: true));
    }

    [Fact]
    public void Stays_healthy_when_the_broker_is_unreachable_however_long_publishing_has_failed()
    {
        // A broker outage: restarting would not end it, and it would restart every replica at once.
        Assert.Equal(HealthStatus.Healthy, OutboxRelayHealthCheck.Decide(Now - TimeSpan.FromHours(3), Now, Threshold, brokerReachable: false));
    }

    [Fact]
    public void Stays_healthy_when_publishing_is_not_failing()
    {
        Assert.Equal(HealthStatus.Healthy, OutboxRelayHealthCheck.Decide(null, Now, Threshold, brokerReachable: true));
    }

    [Fact]
    public void Dates_a_publishing_streak_from_its_first_failed_publish_until_a_success()
    {
        var clock = new ManualClock(Now);
        var streak = new OutboxFailureStreak(new OutboxRelayOptions(), clock);

        streak.Next(publishFailed: true);
        clock.Advance(TimeSpan.FromMinutes(2));
        streak.Next(publishFailed: true);
        var during = streak.PublishingFailingSince;
        streak.Reset();

        Assert.Equal(Now, during);
        Assert.Null(streak.PublishingFailingSince);
    }

    [Fact]
    public void Ends_a_publishing_streak_on_a_failure_that_is_not_the_brokers()
    {
        // A database outage or an unreadable message: a restart would not mend them.
        var clock = new ManualClock(Now);
        var streak = new OutboxFailureStreak(new OutboxRelayOptions(), clock);
        streak.Next(publishFailed: true);
        clock.Advance(TimeSpan.FromMinutes(10));

        streak.Next(publishFailed: false);
        var afterDatabaseFailure = streak.PublishingFailingSince;
        clock.Advance(TimeSpan.FromMinutes(1));
        streak.Next(publishFailed: true);

        Assert.Null(afterDatabaseFailure);
        Assert.Equal(Now + TimeSpan.FromMinutes(11), streak.PublishingFailingSince);
    }

    [Fact]
    public void Logs_a_stalled_relay_after_the_configured_time()
    {
        var clock = new ManualClock(Now);
        var streak = new OutboxFailureStreak(new OutboxRelayOptions { StalledAfter = TimeSpan.FromMinutes(1) }, clock);
        streak.Next(publishFailed: true);
        clock.Advance(TimeSpan.FromSeconds(59));
        var early = streak.Stalled();
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(early);
        Assert.Equal(TimeSpan.FromMinutes(1), streak.Stalled());
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private TimeSpan _elapsed;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => 1_000_000 + _elapsed.Ticks;

        public override DateTimeOffset GetUtcNow() => start + _elapsed;

        public void Advance(TimeSpan by) => _elapsed += by;
    }
}

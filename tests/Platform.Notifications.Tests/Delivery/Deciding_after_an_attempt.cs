using Platform.Notifications.Delivery;
using Platform.Notifications.Relay;
using Xunit;

namespace Platform.Notifications.Tests.Delivery;

public sealed class Deciding_after_an_attempt
{
    private static readonly DateTimeOffset Queued = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);
    private static readonly DeliveryOptions Options = new();

    [Fact]
    public void Records_a_mail_the_relay_accepted_as_delivered()
    {
        var outcome = new SmtpOutcome(true, false, 250, "250");

        Assert.Equal(new NotificationDelivered(2, "250", Queued), DeliveryDecisions.After(outcome, 2, Queued, Queued, Options));
    }

    [Fact]
    public void Gives_up_at_once_on_a_permanent_refusal()
    {
        var refused = new SmtpOutcome(false, true, 550, "RCPT TO: 550 5.1.1 User unknown");

        Assert.Equal(new NotificationAbandoned(1, "RCPT TO: 550 5.1.1 User unknown", 550, Queued), DeliveryDecisions.After(refused, 1, Queued, Queued, Options));
    }

    [Fact]
    public void Tries_a_deferred_mail_again_after_a_doubling_wait_up_to_the_maximum()
    {
        var deferred = new SmtpOutcome(false, false, 451, "RCPT TO: 451 try later");

        var first = Assert.IsType<DeliveryDeferred>(DeliveryDecisions.After(deferred, 1, Queued, Queued, Options));
        Assert.Equal((Queued.AddSeconds(30), 451), (first.NextAttemptAt, first.SmtpCode));
        Assert.Equal(TimeSpan.FromMinutes(1), DeliveryDecisions.Backoff(2, Options));
        Assert.Equal(TimeSpan.FromMinutes(16), DeliveryDecisions.Backoff(6, Options));
        Assert.Equal(TimeSpan.FromMinutes(30), DeliveryDecisions.Backoff(7, Options));
        Assert.Equal(TimeSpan.FromMinutes(30), DeliveryDecisions.Backoff(500, Options));
    }

    [Fact]
    public void Holds_a_mail_at_least_twice_as_long_as_an_attempt_can_take_under_the_relays_timeouts()
    {
        var slowRelay = new SmtpRelayOptions { CommandTimeout = TimeSpan.FromMinutes(1), DataTimeout = TimeSpan.FromMinutes(10) };

        Assert.Equal(TimeSpan.FromMinutes(5), DeliveryDecisions.Lease(new DeliveryOptions { Lease = TimeSpan.FromMinutes(5) }, new SmtpRelayOptions
        {
            ConnectTimeout = TimeSpan.FromSeconds(5), CommandTimeout = TimeSpan.FromSeconds(5), DataTimeout = TimeSpan.FromSeconds(30),
        }));
        Assert.Equal(2 * TimeSpan.FromSeconds(10 + 10 + (12 * 60) + 600 + 30), DeliveryDecisions.Lease(Options, slowRelay));
    }

    [Fact]
    public void Renews_a_lease_only_when_less_than_one_attempt_is_left()
    {
        var relay = new SmtpRelayOptions();
        var attempt = DeliveryDecisions.Lease(Options, relay) / 2;
        var now = Queued.AddMinutes(1);

        Assert.False(DeliveryDecisions.MustRenew(now, now + DeliveryDecisions.Lease(Options, relay), Options, relay));
        Assert.False(DeliveryDecisions.MustRenew(now, now + attempt, Options, relay));
        Assert.True(DeliveryDecisions.MustRenew(now, now + attempt - TimeSpan.FromSeconds(1), Options, relay));
        Assert.True(DeliveryDecisions.MustRenew(now, now - TimeSpan.FromSeconds(1), Options, relay));
    }

    [Fact]
    public void Keeps_trying_for_hours_then_gives_up()
    {
        var later = Queued.AddHours(40);
        Assert.IsType<DeliveryDeferred>(DeliveryDecisions.Deferred("relay unavailable", null, 90, Queued, later, Options));

        var abandoned = Assert.IsType<NotificationAbandoned>(DeliveryDecisions.Deferred("relay unavailable", null, 99, Queued, Queued.AddHours(47.9), Options));
        Assert.StartsWith("gave up after 99 attempts over 47.9 h; last: relay unavailable", abandoned.Reason, StringComparison.Ordinal);
    }
}

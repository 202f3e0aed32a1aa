using Platform.Notifications.Relay;

namespace Platform.Notifications.Delivery;

/// <summary>What an attempt's outcome means for a mail: pure, so the retry policy is tested without a relay.</summary>
public static class DeliveryDecisions
{
    /// <summary>The event to record after attempt number <paramref name="attempt"/> (1-based).</summary>
    public static NotificationEvent After(SmtpOutcome outcome, int attempt, DateTimeOffset queuedAt, DateTimeOffset now, DeliveryOptions options)
    {
        if (outcome.Accepted)
        {
            return new NotificationDelivered(attempt, outcome.Reason, now);
        }

        if (outcome.Permanent)
        {
            return new NotificationAbandoned(attempt, outcome.Reason, outcome.Code, now);
        }

        return Deferred(outcome.Reason, outcome.Code, attempt, queuedAt, now, options);
    }

    /// <summary>A failure that may pass: tried again after a doubling wait, until <see cref="DeliveryOptions.GiveUpAfter"/>.</summary>
    public static NotificationEvent Deferred(string error, int? code, int attempt, DateTimeOffset queuedAt, DateTimeOffset now, DeliveryOptions options)
    {
        var next = now + Backoff(attempt, options);
        return next - queuedAt > options.GiveUpAfter
            ? new NotificationAbandoned(attempt, $"gave up after {attempt} attempts over {(now - queuedAt).TotalHours:0.#} h; last: {error}", code, now)
            : new DeliveryDeferred(attempt, error, code, next, now);
    }

    /// <summary>
    /// How long a lane holds the mails it claimed: <see cref="DeliveryOptions.Lease"/>, but never shorter than twice the
    /// longest an attempt can take under the configured timeouts (link, connect, the dialog's commands, the content) —
    /// else a slow relay would let another replica send the same mail while this one still is. Twice, so that the
    /// lease needs renewing (<see cref="MustRenew"/>) only after an attempt that ran long, not before every mail.
    /// </summary>
    public static TimeSpan Lease(DeliveryOptions options, SmtpRelayOptions relay)
    {
        var twice = 2 * LongestAttempt(options, relay);
        return twice > options.Lease ? twice : options.Lease;
    }

    /// <summary>Whether a lane must extend its lease before the next attempt: less than one attempt's worth is left.</summary>
    public static bool MustRenew(DateTimeOffset now, DateTimeOffset leasedUntil, DeliveryOptions options, SmtpRelayOptions relay) =>
        leasedUntil - now < LongestAttempt(options, relay);

    // Greeting, EHLO, STARTTLS, TLS handshake, EHLO, up to three AUTH steps, MAIL, RCPT, DATA, RSET: 12 commands.
    private static TimeSpan LongestAttempt(DeliveryOptions options, SmtpRelayOptions relay) =>
        options.LinkTimeout + relay.ConnectTimeout + (12 * relay.CommandTimeout) + relay.DataTimeout + TimeSpan.FromSeconds(30);

    public static TimeSpan Backoff(int attempt, DeliveryOptions options)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var wait = options.InitialBackoff.TotalMilliseconds * factor;
        return TimeSpan.FromMilliseconds(Math.Min(wait, options.MaxBackoff.TotalMilliseconds));
    }
}

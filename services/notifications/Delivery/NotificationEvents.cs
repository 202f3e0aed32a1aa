using Platform.Contracts;
using Platform.Notifications.Mail;

namespace Platform.Notifications.Delivery;

// Notifications' own events, stream notification/{key}: one stream per mail that must go out once.

/// <summary>What may happen in a mail's stream: queued once, then one outcome per attempt.</summary>
public abstract record NotificationEvent;

/// <summary>
/// The intent to send a mail, recorded before anything is sent, with the deterministic Message-ID every attempt
/// carries. It holds what the mail is made of — never the login link, which is asked for at each attempt — and the
/// W3C trace context of the flow that queued it (<see cref="TraceParent"/>), which the delivery continues.
/// </summary>
public sealed record NotificationQueued(
    string Key,
    string Kind,
    string Domain,
    string Email,
    string MessageId,
    string Language,
    string SenderName,
    string SenderAddress,
    DateTimeOffset QueuedAt,
    PeriodicReportReady? Report = null,
    string? TraceParent = null,
    MailBranding? Branding = null) : NotificationEvent;

/// <summary>An attempt failed in a way that may pass (relay down, 4xx, no login link): tried again at <see cref="NextAttemptAt"/>.</summary>
public sealed record DeliveryDeferred(int Attempt, string Error, int? SmtpCode, DateTimeOffset NextAttemptAt, DateTimeOffset At) : NotificationEvent;

/// <summary>The relay accepted the mail.</summary>
public sealed record NotificationDelivered(int Attempts, string Reply, DateTimeOffset At) : NotificationEvent;

/// <summary>The relay refused the mail for good (5xx), or it kept failing until the delivery gave up.</summary>
public sealed record NotificationAbandoned(int Attempts, string Reason, int? SmtpCode, DateTimeOffset At) : NotificationEvent;

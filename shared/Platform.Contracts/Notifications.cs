namespace Platform.Contracts;

/// <summary>What kind of mail a notification is. Values are part of the contract.</summary>
public static class NotificationKinds
{
    public const string Welcome = "welcome";
    public const string Report = "report";
}

/// <summary>A periodic quarantine report went out to a user (once per <see cref="PeriodicReportReady.ReportId"/>).</summary>
public sealed record PeriodicReportSent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string Email { get; init; }
    public required string ReportId { get; init; }

    /// <summary>The RFC 5322 Message-ID of the mail.</summary>
    public required string MessageId { get; init; }
}

/// <summary>
/// A mail to a user could not be delivered: the relay refused it permanently (5xx), or kept failing until the
/// delivery gave up. Nothing more is tried for it.
/// </summary>
public sealed record NotificationFailed
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string Email { get; init; }

    /// <summary>One of <see cref="NotificationKinds"/>.</summary>
    public required string Kind { get; init; }

    public required string MessageId { get; init; }

    /// <summary>Why, in words (the relay's reply for a refusal); never a token or a link.</summary>
    public required string Reason { get; init; }

    /// <summary>The relay's reply code when it refused the message, e.g. 550.</summary>
    public int? SmtpCode { get; init; }

    /// <summary>How many times the delivery was attempted.</summary>
    public required int Attempts { get; init; }
}

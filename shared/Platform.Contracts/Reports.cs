namespace Platform.Contracts;

/// <summary>How often a user receives the quarantine report. Values are part of the contract.</summary>
public static class ReportFrequencies
{
    public const string Daily = "daily";
    public const string Weekly = "weekly";

    /// <summary>Opted out: no reports.</summary>
    public const string Off = "off";
}

/// <summary>Why a user's report enrollment was made or changed. Values are part of the contract.</summary>
public static class ReportEnrollmentReasons
{
    /// <summary>The user's first quarantined message.</summary>
    public const string FirstSpam = "firstSpam";

    /// <summary>The directory sync found the user and the domain enrolls directory users.</summary>
    public const string Directory = "directory";

    /// <summary>The user chose it.</summary>
    public const string User = "user";

    /// <summary>A domain admin chose it for the user.</summary>
    public const string Admin = "admin";
}

/// <summary>
/// A user is enrolled in the periodic quarantine report (once per user), with the domain's defaults at that moment.
/// </summary>
public sealed record ReportEnrolled
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string Email { get; init; }

    /// <summary>One of <see cref="ReportFrequencies"/>.</summary>
    public required string Frequency { get; init; }

    /// <summary>The local hour (0–23) at which a period ends and its report is produced.</summary>
    public required int ReportHour { get; init; }

    /// <summary>IANA time zone the hour and the periods are counted in, e.g. <c>Europe/Berlin</c>.</summary>
    public required string TimeZone { get; init; }

    /// <summary>One of <see cref="ReportEnrollmentReasons"/>.</summary>
    public required string Reason { get; init; }
}

/// <summary>A user's report frequency changed, by the user or an admin; <see cref="ReportFrequencies.Off"/> opts out.</summary>
public sealed record ReportFrequencyChanged
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string Email { get; init; }
    public required string Frequency { get; init; }
    public required string PreviousFrequency { get; init; }

    /// <summary><see cref="ReportEnrollmentReasons.User"/> or <see cref="ReportEnrollmentReasons.Admin"/>.</summary>
    public required string ChangedBy { get; init; }
}

/// <summary>
/// A user's report period ended and its report is ready to send: published once per user and period. Notifications
/// renders and mails it.
/// </summary>
public sealed record PeriodicReportReady
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string Email { get; init; }

    /// <summary>Stable for the user and period (<c>{domain}/{email}/{frequency}/{local start date}</c>): a key for idempotence.</summary>
    public required string ReportId { get; init; }

    /// <summary><see cref="ReportFrequencies.Daily"/> or <see cref="ReportFrequencies.Weekly"/>.</summary>
    public required string Frequency { get; init; }

    public required DateTimeOffset PeriodStart { get; init; }
    public required DateTimeOffset PeriodEnd { get; init; }

    /// <summary>The IANA time zone the period was counted in, for showing its dates.</summary>
    public required string TimeZone { get; init; }

    /// <summary>How many messages were quarantined for the user in the period.</summary>
    public required int TotalMessages { get; init; }

    /// <summary>The newest entries of the period (at most a bounded number), newest first.</summary>
    public required IReadOnlyList<QuarantinedMessageSummary> Entries { get; init; }

    /// <summary>The user's own language for the mail (<c>en</c>, <c>de</c>), chosen with their report; null: their domain's.</summary>
    public string? Language { get; init; }
}

/// <summary>One quarantined message as a report lists it.</summary>
public sealed record QuarantinedMessageSummary
{
    public required string QuarantineId { get; init; }
    public required string Sender { get; init; }
    public required string Subject { get; init; }
    public required double Score { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
}

namespace Platform.Reporting.Enrollment;

/// <summary>Reporting's own events of a user's report enrollment, stream <c>report-enrollment/{domain}/{email}</c>.</summary>
public abstract record EnrollmentEvent;

/// <summary>The user was enrolled in the periodic report.</summary>
public sealed record ReportEnrollmentStarted(string Domain, string Email, string Frequency, string Reason, DateTimeOffset At) : EnrollmentEvent;

/// <summary>The user or an admin changed how often the user gets the report (off opts out).</summary>
public sealed record ReportFrequencySet(string Domain, string Email, string Frequency, string PreviousFrequency, string ChangedBy, DateTimeOffset At)
    : EnrollmentEvent;

/// <summary>
/// The user or an admin chose the time zone and language of the user's report (each null: the domain's). The event
/// carries both as they are after the choice.
/// </summary>
public sealed record ReportPreferencesSet(string Domain, string Email, string? TimeZone, string? Language, string ChangedBy, DateTimeOffset At)
    : EnrollmentEvent;

/// <summary>A report for the period ending at <see cref="PeriodEnd"/> was produced (published), or skipped as empty.</summary>
public sealed record PeriodicReportProduced(
    string Domain, string Email, string ReportId, string Frequency, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, int TotalMessages,
    bool Published, DateTimeOffset At) : EnrollmentEvent;

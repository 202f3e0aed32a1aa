namespace Platform.Reporting.Enrollment;

// Reporting's own events of a user's report enrollment, stream report-enrollment/{domain}/{email}.

/// <summary>The user was enrolled in the periodic report.</summary>
public sealed record ReportEnrollmentStarted(string Domain, string Email, string Frequency, string Reason, DateTimeOffset At);

/// <summary>The user or an admin changed how often the user gets the report (off opts out).</summary>
public sealed record ReportFrequencySet(string Domain, string Email, string Frequency, string PreviousFrequency, string ChangedBy, DateTimeOffset At);

/// <summary>A report for the period ending at <see cref="PeriodEnd"/> was produced (published), or skipped as empty.</summary>
public sealed record PeriodicReportProduced(
    string Domain, string Email, string ReportId, string Frequency, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, int TotalMessages,
    bool Published, DateTimeOffset At);

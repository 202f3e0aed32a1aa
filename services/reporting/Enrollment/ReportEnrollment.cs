using Platform.Contracts;

namespace Platform.Reporting.Enrollment;

/// <summary>A user's enrollment as the read model holds it; <see cref="Version"/> is the stream's.</summary>
public sealed record ReportEnrollment(string Domain, string Email, string Frequency, string Reason, DateTimeOffset EnrolledAt, long Version)
{
    public static string StreamId(string domain, string email) => $"report-enrollment/{domain}/{email}";
}

/// <summary>What enrolling or changing a user's report means; pure.</summary>
public static class EnrollmentDecisions
{
    public static bool IsFrequency(string? value) => value is ReportFrequencies.Daily or ReportFrequencies.Weekly or ReportFrequencies.Off;

    /// <summary>Enrolls a user not enrolled yet; nothing for one who is (whatever they chose stays).</summary>
    public static ReportEnrollmentStarted? Enroll(ReportEnrollment? current, string domain, string email, string frequency, string reason, DateTimeOffset at) =>
        current is null ? new ReportEnrollmentStarted(domain, email, frequency, reason, at) : null;

    /// <summary>
    /// A user's or admin's choice: enrolls a user not enrolled yet with it, changes a different one, and is nothing
    /// when it is what they have (a repeated PUT changes nothing and publishes nothing).
    /// </summary>
    public static EnrollmentEvent? Choose(ReportEnrollment? current, string domain, string email, string frequency, string changedBy, DateTimeOffset at) =>
        current switch
        {
            null => new ReportEnrollmentStarted(domain, email, frequency, changedBy, at),
            _ when current.Frequency == frequency => null,
            _ => new ReportFrequencySet(domain, email, frequency, current.Frequency, changedBy, at),
        };
}

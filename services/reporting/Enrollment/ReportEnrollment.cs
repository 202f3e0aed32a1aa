using Platform.Contracts;

namespace Platform.Reporting.Enrollment;

/// <summary>A user's enrollment as the read model holds it; <see cref="Version"/> is the stream's.</summary>
public sealed record ReportEnrollment(string Domain, string Email, string Frequency, string Reason, DateTimeOffset EnrolledAt, long Version)
{
    /// <summary>The user's own IANA time zone for their report; null: the domain's.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The user's own language for their report (en, de); null: the domain's.</summary>
    public string? Language { get; init; }

    public static string StreamId(string domain, string email) => $"report-enrollment/{domain}/{email}";
}

/// <summary>What enrolling or changing a user's report means; pure.</summary>
public static class EnrollmentDecisions
{
    public static bool IsFrequency(string? value) => value is ReportFrequencies.Daily or ReportFrequencies.Weekly or ReportFrequencies.Off;

    /// <summary>The languages a report can be mailed in.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "de"];

    /// <summary>
    /// The user's time zone and language after a choice — a value given replaces theirs, an empty one gives it back to
    /// the domain, none keeps it — and the event when that changes anything (values already validated).
    /// </summary>
    public static ReportPreferencesSet? Prefer(
        ReportEnrollment? current, string domain, string email, string? timeZone, string? language, string changedBy, DateTimeOffset at)
    {
        var zone = timeZone is null ? current?.TimeZone : timeZone.Length == 0 ? null : timeZone;
        var words = language is null ? current?.Language : language.Length == 0 ? null : language;
        return zone == current?.TimeZone && words == current?.Language ? null : new ReportPreferencesSet(domain, email, zone, words, changedBy, at);
    }

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

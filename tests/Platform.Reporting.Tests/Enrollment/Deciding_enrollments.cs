using Platform.Contracts;
using Platform.Reporting.Enrollment;
using Xunit;

namespace Platform.Reporting.Tests.Enrollment;

public sealed class Deciding_enrollments
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly ReportEnrollment Daily = new("example.com", "alice@example.com", ReportFrequencies.Daily, ReportEnrollmentReasons.FirstSpam, At, 1);

    [Fact]
    public void Enrolls_a_user_once_with_the_domains_default()
    {
        Assert.Equal(
            new ReportEnrollmentStarted("example.com", "alice@example.com", ReportFrequencies.Weekly, ReportEnrollmentReasons.Directory, At),
            EnrollmentDecisions.Enroll(null, "example.com", "alice@example.com", ReportFrequencies.Weekly, ReportEnrollmentReasons.Directory, At));
        Assert.Null(EnrollmentDecisions.Enroll(Daily, "example.com", "alice@example.com", ReportFrequencies.Weekly, ReportEnrollmentReasons.FirstSpam, At));
    }

    [Fact]
    public void Changes_the_frequency_only_when_it_differs()
    {
        Assert.Null(EnrollmentDecisions.Choose(Daily, "example.com", "alice@example.com", ReportFrequencies.Daily, ReportEnrollmentReasons.User, At));
        Assert.Equal(
            new ReportFrequencySet("example.com", "alice@example.com", ReportFrequencies.Off, ReportFrequencies.Daily, ReportEnrollmentReasons.User, At),
            EnrollmentDecisions.Choose(Daily, "example.com", "alice@example.com", ReportFrequencies.Off, ReportEnrollmentReasons.User, At));
    }

    [Fact]
    public void Enrolls_with_the_choice_of_a_user_not_enrolled_yet()
    {
        Assert.Equal(
            new ReportEnrollmentStarted("example.com", "bob@example.com", ReportFrequencies.Off, ReportEnrollmentReasons.Admin, At),
            EnrollmentDecisions.Choose(null, "example.com", "bob@example.com", ReportFrequencies.Off, ReportEnrollmentReasons.Admin, At));
    }

    [Fact]
    public void Keeps_the_time_zone_and_language_not_given_and_gives_an_empty_one_back_to_the_domain()
    {
        var own = Daily with { TimeZone = "Europe/Berlin", Language = "de" };

        Assert.Equal(new ReportPreferencesSet("example.com", "alice@example.com", "Europe/Berlin", null, ReportEnrollmentReasons.User, At),
            EnrollmentDecisions.Prefer(Daily, "example.com", "alice@example.com", "Europe/Berlin", null, ReportEnrollmentReasons.User, At));
        Assert.Null(EnrollmentDecisions.Prefer(own, "example.com", "alice@example.com", null, "de", ReportEnrollmentReasons.User, At));
        Assert.Equal(new ReportPreferencesSet("example.com", "alice@example.com", "Europe/Berlin", null, ReportEnrollmentReasons.Admin, At),
            EnrollmentDecisions.Prefer(own, "example.com", "alice@example.com", null, "", ReportEnrollmentReasons.Admin, At));
        Assert.Null(EnrollmentDecisions.Prefer(null, "example.com", "bob@example.com", "", "", ReportEnrollmentReasons.User, At));
    }
}

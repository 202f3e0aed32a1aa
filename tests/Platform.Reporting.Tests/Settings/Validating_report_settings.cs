using Platform.Reporting.Settings;
using Xunit;

namespace Platform.Reporting.Tests.Settings;

public sealed class Validating_report_settings
{
    [Fact]
    public void Fills_what_is_left_out_with_the_defaults()
    {
        var (settings, errors) = new ReportingSettingsBody("weekly", null, "Europe/Berlin", "friday", true, null, null).Validate();

        Assert.Empty(errors);
        Assert.Equal(ReportingSettings.Defaults with
        {
            DefaultFrequency = "weekly", TimeZone = "Europe/Berlin", WeeklyDay = DayOfWeek.Friday, EnrollDirectoryUsers = true,
        }, settings);
    }

    [Fact]
    public void Names_each_field_it_cannot_take()
    {
        var (settings, errors) = new ReportingSettingsBody("hourly", 24, "Mars/Olympus", "3", null, null, 0).Validate();

        Assert.Null(settings);
        Assert.Equal(
            [("defaultFrequency", "invalid_frequency"), ("reportHour", "invalid_report_hour"), ("retentionDays", "invalid_retention"),
             ("timeZone", "invalid_time_zone"), ("weeklyDay", "invalid_weekly_day")],
            errors.Select(e => (e.Field, e.Code)).Order());
    }
}

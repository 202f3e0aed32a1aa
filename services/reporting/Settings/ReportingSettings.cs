using Platform.Contracts;

namespace Platform.Reporting.Settings;

/// <summary>A domain's report settings: the defaults users are enrolled with, and when their reports are produced.</summary>
public sealed record ReportingSettings(
    string DefaultFrequency,
    int ReportHour,
    string TimeZone,
    DayOfWeek WeeklyDay,
    bool EnrollDirectoryUsers,
    bool SendEmptyReports,
    int RetentionDays)
{
    /// <summary>A domain that saved nothing: daily reports at 06:00 UTC on Mondays for weekly ones, 14 days kept.</summary>
    public static ReportingSettings Defaults { get; } = new(ReportFrequencies.Daily, 6, "UTC", DayOfWeek.Monday, false, false, 14);
}

/// <summary>The events of a domain's report settings (reporting's own), stream <c>reporting-settings/{domain}</c>.</summary>
public abstract record ReportingSettingsEvent;

/// <summary>The domain's report settings were saved.</summary>
public sealed record ReportingSettingsSaved(string Domain, ReportingSettings Settings, string Actor, DateTimeOffset At) : ReportingSettingsEvent;

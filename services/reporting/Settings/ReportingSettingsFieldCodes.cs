namespace Platform.Reporting.Settings;

/// <summary>
/// The stable code of each refused field of <c>PUT …/reporting</c> (<c>codes</c> beside <c>errors</c>). The panel has
/// words for each in English and German; its tests read this class, so a new code without words fails them.
/// </summary>
public static class ReportingSettingsFieldCodes
{
    public const string InvalidFrequency = "invalid_frequency";
    public const string InvalidReportHour = "invalid_report_hour";
    public const string InvalidTimeZone = "invalid_time_zone";
    public const string InvalidWeeklyDay = "invalid_weekly_day";
    public const string InvalidRetention = "invalid_retention";
}

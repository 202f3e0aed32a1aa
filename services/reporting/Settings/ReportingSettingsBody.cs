using Platform.Contracts;
using Platform.ServiceDefaults.Http;
using static Platform.Reporting.Settings.ReportingSettingsFieldCodes;

namespace Platform.Reporting.Settings;

/// <summary>What <c>GET/PUT /v1/domains/{domain}/reporting</c> carries; omitted fields keep their default.</summary>
public sealed record ReportingSettingsBody(
    string? DefaultFrequency,
    int? ReportHour,
    string? TimeZone,
    string? WeeklyDay,
    bool? EnrollDirectoryUsers,
    bool? SendEmptyReports,
    int? RetentionDays)
{
    public static ReportingSettingsBody From(ReportingSettings settings) => new(
        settings.DefaultFrequency, settings.ReportHour, settings.TimeZone, settings.WeeklyDay.ToString().ToLowerInvariant(),
        settings.EnrollDirectoryUsers, settings.SendEmptyReports, settings.RetentionDays);

    /// <summary>The settings, or the problems per field.</summary>
    public (ReportingSettings? Settings, List<FieldProblem> Errors) Validate()
    {
        var defaults = ReportingSettings.Defaults;
        var errors = new List<FieldProblem>();
        var frequency = DefaultFrequency ?? defaults.DefaultFrequency;
        if (frequency is not (ReportFrequencies.Daily or ReportFrequencies.Weekly or ReportFrequencies.Off))
        {
            errors.Add(new("defaultFrequency", InvalidFrequency, "Must be daily, weekly or off."));
        }

        var hour = ReportHour ?? defaults.ReportHour;
        if (hour is < 0 or > 23)
        {
            errors.Add(new("reportHour", InvalidReportHour, "Must be an hour from 0 to 23 (local time of the time zone)."));
        }

        var zone = TimeZone ?? defaults.TimeZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) || !found.HasIanaId)
        {
            errors.Add(new("timeZone", InvalidTimeZone, $"'{zone}' is not an IANA time zone such as Europe/Berlin or UTC."));
        }

        var day = defaults.WeeklyDay;
        if (WeeklyDay is not null && (!Enum.TryParse(WeeklyDay, ignoreCase: true, out day) || int.TryParse(WeeklyDay, out _)))
        {
            errors.Add(new("weeklyDay", InvalidWeeklyDay, "Must be a day of the week: monday … sunday."));
        }

        var retention = RetentionDays ?? defaults.RetentionDays;
        if (retention is < 1 or > 365)
        {
            errors.Add(new("retentionDays", InvalidRetention, "Must be from 1 to 365 days."));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ReportingSettings(frequency, hour, found!.Id, day, EnrollDirectoryUsers ?? defaults.EnrollDirectoryUsers,
                SendEmptyReports ?? defaults.SendEmptyReports, retention), errors);
    }
}

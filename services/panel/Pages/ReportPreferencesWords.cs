using Platform.Panel.Texts;

namespace Platform.Panel.Pages;

/// <summary>"My report"'s words for the report's time zone and language.</summary>
public static class ReportPreferencesWords
{
    public static readonly Words Set = new(
        English: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ReportPrefs.TimeZone"] = "Time zone",
            ["ReportPrefs.TimeZoneHint"] = "The report's days are counted in this time zone, e.g. Europe/Berlin. Leave it empty for your organisation's.",
            ["ReportPrefs.Language"] = "Language",
            ["ReportPrefs.Default"] = "Your organisation's",
            ["ReportPrefs.en"] = "English",
            ["ReportPrefs.de"] = "Deutsch",
            ["ReportPrefs.Now"] = "Time zone: {0}. Language: {1}.",
            ["ReportPrefs.invalid_time_zone"] = "That is not a time zone. Use a name such as Europe/Berlin, America/New_York or UTC.",
            ["ReportPrefs.invalid_language"] = "Choose English, Deutsch or your organisation's language.",
            ["ReportPrefs.Hour"] = "The time of day of the report is set by your organisation's admin.",
        },
        German: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ReportPrefs.TimeZone"] = "Zeitzone",
            ["ReportPrefs.TimeZoneHint"] = "Die Tage des Berichts werden in dieser Zeitzone gezählt, z. B. Europe/Berlin. Leer lassen für die Ihrer Organisation.",
            ["ReportPrefs.Language"] = "Sprache",
            ["ReportPrefs.Default"] = "Die Ihrer Organisation",
            ["ReportPrefs.en"] = "English",
            ["ReportPrefs.de"] = "Deutsch",
            ["ReportPrefs.Now"] = "Zeitzone: {0}. Sprache: {1}.",
            ["ReportPrefs.invalid_time_zone"] = "Das ist keine Zeitzone. Verwenden Sie einen Namen wie Europe/Berlin, America/New_York oder UTC.",
            ["ReportPrefs.invalid_language"] = "Wählen Sie English, Deutsch oder die Sprache Ihrer Organisation.",
            ["ReportPrefs.Hour"] = "Die Uhrzeit des Berichts legt der Administrator Ihrer Organisation fest.",
        });

    /// <summary>The IANA time zones the browser offers as the user types (a datalist: no script).</summary>
    public static readonly IReadOnlyList<string> TimeZones =
        [.. TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Order(StringComparer.Ordinal)];
}

using System.Globalization;

namespace Platform.Panel.Texts;

/// <summary>A refused sign-in's code (auth's LoginProblems and the link's codes) in plain words; pure.</summary>
public static class Refusals
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "invalid_credentials", "invalid_email", "mfa_invalid", "inactive", "disabled_in_directory", "directory_unavailable",
        "invalid_link", "link_used", "link_expired", "service_unreachable", "session_expired",
    };

    public static string Message(string language, string code, TimeSpan? retryAfter) => code switch
    {
        "locked" or "too_many_attempts" => string.Format(CultureInfo.GetCultureInfo(language), PanelTexts.Text(language, "Refused." + code),
            Duration(language, retryAfter ?? TimeSpan.FromMinutes(1))),
        _ when Known.Contains(code) => PanelTexts.Text(language, "Refused." + code),
        _ => string.Format(CultureInfo.GetCultureInfo(language), PanelTexts.Text(language, "Refused.other"), code),
    };

    /// <summary>Whole minutes, rounded up; under a minute in seconds.</summary>
    public static string Duration(string language, TimeSpan span) => span < TimeSpan.FromMinutes(1)
        ? string.Format(CultureInfo.InvariantCulture, PanelTexts.Text(language, "Time.Seconds"), Math.Max(1, (int)Math.Ceiling(span.TotalSeconds)))
        : string.Format(CultureInfo.InvariantCulture, PanelTexts.Text(language, "Time.Minutes"), (int)Math.Ceiling(span.TotalMinutes));
}

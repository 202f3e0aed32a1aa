using System.Globalization;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin.Users;

/// <summary>What the admin pages of users, settings and the platform share: the session's token, times, problems in words.</summary>
public static class AdminCalls
{
    public static async Task<string> TokenAsync(this HttpContext http) => await PanelSession.AccessTokenAsync(http) ?? "";

    /// <summary>A time as the page shows it: the reader's format, in UTC (the services keep UTC).</summary>
    public static string When(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("g", CultureInfo.CurrentCulture) + " UTC" : "—";

    /// <summary>A service's RFC 7807 code in plain words; a code without words is named as it is.</summary>
    public static string Problem(this PanelTexts texts, string? code) =>
        texts["AdminProblem." + code] is var text && text != "AdminProblem." + code ? text : texts.Format("AdminProblem.other", code ?? "");

    /// <summary>The words for one field of a refused form (the services' codes already said by <c>FieldErrorWords</c>), or null.</summary>
    public static string? FieldError(IReadOnlyDictionary<string, string[]> errors, string field) =>
        errors.TryGetValue(field, out var said) ? string.Join(" ", said) : null;
}

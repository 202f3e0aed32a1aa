using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Pages.Admin.Users;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin.Settings;

/// <summary>The domain's report defaults (reporting's <c>GET/PUT …/reporting</c>); reporting validates, its words show per field.</summary>
public sealed class ReportsModel(ReportingSettingsApi reporting, PanelTexts texts) : PageModel
{
    public static readonly string[] Frequencies = ["daily", "weekly", "off"];
    public static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    [FromRoute]
    public string Domain { get; set; } = "";

    [BindProperty]
    public string? DefaultFrequency { get; set; }

    [BindProperty]
    public int? ReportHour { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    [BindProperty]
    public string? WeeklyDay { get; set; }

    [BindProperty]
    public bool EnrollDirectoryUsers { get; set; }

    [BindProperty]
    public bool SendEmptyReports { get; set; }

    [BindProperty]
    public int? RetentionDays { get; set; }

    /// <summary>Whether the domain saved its own settings (else these are the defaults).</summary>
    public bool Own { get; private set; }

    public bool Saved { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Show(await reporting.GetAsync(await HttpContext.TokenAsync(), Domain, cancellationToken));

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (SettingsForms.NumberErrors(ModelState, texts["Settings.NotANumber"], nameof(ReportHour), nameof(RetentionDays)) is { Count: > 0 } notNumbers)
        {
            (Errors, Problem) = (notNumbers, "invalid_reporting_settings");
            return Page();
        }

        var settings = new ReportingSettings(DefaultFrequency, ReportHour, TimeZone, WeeklyDay, EnrollDirectoryUsers, SendEmptyReports, RetentionDays);
        var answer = await reporting.SaveAsync(await HttpContext.TokenAsync(), Domain, settings, cancellationToken);
        Show(answer);
        Saved = answer.Ok;
        return Page();
    }

    private void Show(ApiAnswer<ReportingSettingsView> answer)
    {
        if (answer.Value is { Settings: var s } view)
        {
            (DefaultFrequency, ReportHour, TimeZone, WeeklyDay) = (s.DefaultFrequency, s.ReportHour, s.TimeZone, s.WeeklyDay);
            (EnrollDirectoryUsers, SendEmptyReports, RetentionDays, Own) = (s.EnrollDirectoryUsers ?? false, s.SendEmptyReports ?? false, s.RetentionDays, view.Saved);
        }

        (Problem, Errors) = (answer.Ok ? null : answer.Code, texts.Say(answer.Errors, SettingsFieldWords.Reports));
    }
}

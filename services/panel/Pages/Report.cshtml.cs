using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;

namespace Platform.Panel.Pages;

/// <summary>
/// "My report": how often the user gets the quarantine report, through reporting's
/// <c>GET/PUT /v1/domains/{domain}/users/{email}/report</c>. Time of day, time zone and language are the domain's
/// (reporting's <c>/v1/domains/{domain}/reporting</c>, admins only): reporting has no per-user setting for them.
/// </summary>
public sealed class ReportModel(ReportingApi reporting) : PageModel
{
    public static readonly string[] Frequencies = ["daily", "weekly", "off"];

    [BindProperty]
    public string? Frequency { get; set; }

    public UserReport? Current { get; private set; }

    public bool Saved { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var answer = await reporting.GetReportAsync(await AccessTokenAsync(), User.Domain(), User.Email(), cancellationToken);
        Show(answer, notEnrolledIsFine: true);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Frequency is null || !Frequencies.Contains(Frequency))
        {
            return BadRequest();
        }

        var answer = await reporting.SetFrequencyAsync(await AccessTokenAsync(), User.Domain(), User.Email(), Frequency, cancellationToken);
        Show(answer, notEnrolledIsFine: false);
        Saved = answer.Ok;
        return Page();
    }

    private void Show(ApiAnswer<UserReport> answer, bool notEnrolledIsFine)
    {
        Current = answer.Value;
        Frequency = Current?.Frequency;
        Problem = answer.Ok || (notEnrolledIsFine && answer.Code == "not_enrolled") ? null : answer.Code;
    }

    private async Task<string> AccessTokenAsync() => await PanelSession.AccessTokenAsync(HttpContext) ?? "";
}

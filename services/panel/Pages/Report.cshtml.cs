using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;

namespace Platform.Panel.Pages;

/// <summary>
/// "My report": how often the user gets the quarantine report, in which time zone its days are counted and in which
/// language, through reporting's <c>GET/PUT /v1/domains/{domain}/users/{email}/report</c> (which validates them; an
/// empty one is the organisation's). The time of day is the domain's.
/// </summary>
public sealed class ReportModel(ReportingApi reporting) : PageModel
{
    public static readonly string[] Frequencies = ["daily", "weekly", "off"];

    [BindProperty]
    public string? Frequency { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    [BindProperty]
    public string? Language { get; set; }

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

        var answer = await reporting.ChooseAsync(await AccessTokenAsync(), User.Domain(), User.Email(), Frequency, TimeZone ?? "", Language ?? "", cancellationToken);
        if (answer.Code is "invalid_time_zone" or "invalid_language")
        {
            // Said next to the field, with what was typed kept in it.
            Problem = answer.Code;
            return Page();
        }

        Show(answer, notEnrolledIsFine: false);
        Saved = answer.Ok;
        return Page();
    }

    private void Show(ApiAnswer<UserReport> answer, bool notEnrolledIsFine)
    {
        Current = answer.Value;
        Frequency = Current?.Frequency;
        TimeZone = Current?.TimeZone;
        Language = Current?.Language;
        Problem = answer.Ok || (notEnrolledIsFine && answer.Code == "not_enrolled") ? null : answer.Code;
    }

    private async Task<string> AccessTokenAsync() => await PanelSession.AccessTokenAsync(HttpContext) ?? "";
}

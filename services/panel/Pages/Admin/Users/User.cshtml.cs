using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;

namespace Platform.Panel.Pages.Admin.Users;

/// <summary>
/// One email user: what directory-sync knows (status, source, the directory's record, aliases, first seen, last login
/// — recorded from auth's LoginSucceeded), their report (reporting, as the domain's admin) and the mails sent to them
/// (notifications). The three calls go out together.
/// </summary>
public sealed class UserModel(DirectoryUsersApi users, ReportingApi reporting, NotificationSettingsApi notifications) : PageModel
{
    [FromRoute]
    public string Domain { get; set; } = "";

    [FromRoute]
    public string Email { get; set; } = "";

    [TempData]
    public string? Done { get; set; }

    public RegistryUser? Person { get; private set; }

    public string? Problem { get; private set; }

    public UserReport? Report { get; private set; }

    public string? ReportProblem { get; private set; }

    public MailHistory? Mails { get; private set; }

    public string? MailsProblem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var token = await HttpContext.TokenAsync();
        var person = users.GetAsync(token, Domain, Email, cancellationToken);
        var report = reporting.GetReportAsync(token, Domain, Email, cancellationToken);
        var mails = notifications.SentToAsync(token, Domain, Email, cancellationToken);
        var (p, r, m) = (await person, await report, await mails);
        (Person, Problem) = (p.Value, p.Ok ? null : p.Code);
        (Report, ReportProblem) = (r.Value, r.Ok ? null : r.Code);
        (Mails, MailsProblem) = (m.Value, m.Ok ? null : m.Code);
    }

    public async Task<IActionResult> OnPostStatusAsync(string to, CancellationToken cancellationToken)
    {
        if (!IndexModel.Statuses.Contains(to))
        {
            return BadRequest();
        }

        var answer = await users.SetStatusAsync(await HttpContext.TokenAsync(), Domain, Email, to, cancellationToken);
        if (answer.Ok)
        {
            Done = "Users.Done." + to;
            return RedirectToPage(new { Domain, Email });
        }

        await OnGetAsync(cancellationToken);
        Problem = answer.Code;
        return Page();
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Pages.Admin.Users;

namespace Platform.Panel.Pages.PlatformAdmin;

/// <summary>The platform's admin accounts (auth's <c>/v1/admin/accounts</c>): list, add a domain admin, disable or enable one.</summary>
public sealed class AdminsModel(AdminApi auth) : PageModel
{
    [TempData]
    public string? Done { get; set; }

    [TempData]
    public string? DoneFor { get; set; }

    public IReadOnlyList<AdminAccount> Accounts { get; private set; } = [];

    public string? Problem { get; private set; }

    /// <summary>The add form as sent, and its problem (shown beside it); the password is never sent back.</summary>
    public string? NewEmail { get; private set; }

    public string? NewDomains { get; private set; }

    public string? AddProblem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string? email, string? password, string? domains, CancellationToken cancellationToken)
    {
        var names = (domains ?? "").Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var answer = await auth.CreateDomainAdminAsync(await HttpContext.TokenAsync(), email, password, names, cancellationToken);
        if (answer.Ok)
        {
            (Done, DoneFor) = ("Platform.Admins.Added", answer.Value!.Email);
            return RedirectToPage();
        }

        (NewEmail, NewDomains, AddProblem) = (email, domains, answer.Code);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEnabledAsync(string email, bool enabled, CancellationToken cancellationToken)
    {
        var answer = await auth.SetEnabledAsync(await HttpContext.TokenAsync(), email, enabled, cancellationToken);
        if (answer.Status is >= 200 and < 300)
        {
            (Done, DoneFor) = (enabled ? "Platform.Admins.Enabled" : "Platform.Admins.Disabled", email);
            return RedirectToPage();
        }

        Problem = answer.Code;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var answer = await auth.AccountsAsync(await HttpContext.TokenAsync(), cancellationToken);
        Accounts = answer.Value ?? [];
        Problem ??= answer.Ok ? null : answer.Code;
    }
}

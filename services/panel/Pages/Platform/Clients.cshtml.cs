using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Pages.Admin.Users;

namespace Platform.Panel.Pages.PlatformAdmin;

/// <summary>
/// The mail filter's clients (auth's <c>/v1/admin/clients</c>, issue 9): list, create — the secret is shown in the
/// answer to that POST only (not stored, not redirected to, the page is no-store) —, and revoke after a confirm step.
/// </summary>
public sealed class ClientsModel(AdminApi auth) : PageModel
{
    [TempData]
    public string? Revoked { get; set; }

    public IReadOnlyList<ServiceClient> Clients { get; private set; } = [];

    public CreatedClient? Created { get; private set; }

    public string? Problem { get; private set; }

    public string? NewName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? name, CancellationToken cancellationToken)
    {
        var answer = await auth.CreateClientAsync(await HttpContext.TokenAsync(), name, cancellationToken);
        (Created, Problem, NewName) = (answer.Value, answer.Ok ? null : answer.Code, answer.Ok ? null : name);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var answer = await auth.ClientsAsync(await HttpContext.TokenAsync(), cancellationToken);
        Clients = answer.Value ?? [];
        Problem ??= answer.Ok ? null : answer.Code;
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Pages.Admin.Users;

namespace Platform.Panel.Pages.PlatformAdmin;

/// <summary>Revoking a client asks first; only this page's button (a POST) revokes.</summary>
public sealed class ClientDeleteModel(AdminApi auth) : PageModel
{
    [FromRoute]
    public string ClientId { get; set; } = "";

    [TempData]
    public string? Revoked { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var answer = await auth.DeleteClientAsync(await HttpContext.TokenAsync(), ClientId, cancellationToken);
        if (answer.Status == StatusCodes.Status204NoContent)
        {
            Revoked = ClientId;
            return RedirectToPage("Clients");
        }

        Problem = answer.Code;
        return Page();
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;

namespace Platform.Panel.Pages;

/// <summary>Sign-out (a POST): ends the session at auth (<c>POST /v1/logout</c>), then removes the cookie.</summary>
[OpenWhileEnrolling]
public sealed class SignOutModel(AuthApi auth) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await PanelSession.RefreshTokenAsync(HttpContext) is { } refresh)
        {
            await auth.LogoutAsync(refresh, cancellationToken);
        }

        await PanelSession.EndAsync(HttpContext);
        return LocalRedirect(SessionVerdicts.UserSignIn);
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Platform.Panel.Backends;

namespace Platform.Panel.Sessions;

/// <summary>
/// Keeps a session's access token fresh: shortly before it expires the refresh token is rotated at auth and the
/// cookie re-issued; when auth refuses (signed out elsewhere, revoked, deactivated) the panel session ends too.
/// </summary>
public sealed class TokenRefresh(AuthApi auth, TimeProvider clock, TokenCheck check) : CookieAuthenticationEvents
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var now = clock.GetUtcNow();
        if (PanelSession.AccessExpiresAt(context.Properties) is { } expires && expires - Margin > now)
        {
            return;
        }

        var answer = PanelSession.RefreshToken(context.Properties) is { } refresh
            ? await auth.RefreshAsync(refresh, context.HttpContext.RequestAborted)
            : null;
        var principal = answer?.Value is { } fresh ? await check.PrincipalOfAsync(fresh.AccessToken) : null;
        if (answer?.Value is not { } tokens || principal is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        PanelSession.Store(context.Properties, tokens, now);
        context.ReplacePrincipal(principal);
        context.ShouldRenew = true;
    }

    /// <summary>An admin page sends who is not (or no longer) signed in to the admins' sign-in, not the email users'.</summary>
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (context.Request.Path.StartsWithSegments("/admin") || context.Request.Path.StartsWithSegments("/platform"))
        {
            context.RedirectUri = "/admin/signin";
        }

        return base.RedirectToLogin(context);
    }
}

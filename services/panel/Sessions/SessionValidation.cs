using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Platform.Panel.Backends;

namespace Platform.Panel.Sessions;

/// <summary>
/// Checks the session cookie on each request that carries it (static files are served before and do not pay): while
/// the access token is fresh, auth's <c>GET /v1/session</c> says whether the session behind it still goes on, so a
/// session auth ended (signed out elsewhere, a refresh token reused, the user deactivated, disabled or removed in the
/// directory, deleted) ends here at the next request; shortly before the token expires, the refresh token is rotated
/// instead (a refresh also fails for an ended session). An ended session signs out; an answer auth could not give
/// refuses this request but keeps the cookie (<see cref="SessionVerdicts"/>).
/// </summary>
public sealed class SessionValidation(AuthApi auth, TimeProvider clock, TokenCheck check) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var now = clock.GetUtcNow();
        var aborted = context.HttpContext.RequestAborted;
        SessionVerdict verdict;
        if (!SessionVerdicts.RefreshDue(PanelSession.AccessExpiresAt(context.Properties), now))
        {
            var access = PanelSession.AccessToken(context.Properties);
            verdict = access is null ? SessionVerdict.Ended : SessionVerdicts.Of((await auth.SessionAsync(access, aborted)).Status);
        }
        else if (PanelSession.RefreshToken(context.Properties) is not { } refresh)
        {
            // An admin's session: no refresh token, it ends with its access token.
            verdict = SessionVerdict.Ended;
        }
        else
        {
            var answer = await auth.RefreshAsync(refresh, aborted);
            var principal = answer.Value is { } fresh ? await check.PrincipalOfAsync(fresh.AccessToken) : null;
            verdict = answer.Value is null ? SessionVerdicts.Of(answer.Status) : principal is null ? SessionVerdict.Ended : SessionVerdict.GoesOn;
            if (verdict == SessionVerdict.GoesOn)
            {
                PanelSession.Store(context.Properties, answer.Value!, now);
                context.ReplacePrincipal(principal!);
                context.ShouldRenew = true;
                return;
            }
        }

        if (verdict == SessionVerdict.GoesOn)
        {
            return;
        }

        context.RejectPrincipal();
        context.HttpContext.Items[typeof(SessionVerdict)] = verdict;
        if (verdict == SessionVerdict.Ended)
        {
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>To the right sign-in (an admin page to the admins'), saying why when the session stopped on this request.</summary>
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.RedirectUri = SessionVerdicts.SignInUri(context.RedirectUri, context.Request.Path,
            context.HttpContext.Items[typeof(SessionVerdict)] as SessionVerdict?);
        return base.RedirectToLogin(context);
    }
}

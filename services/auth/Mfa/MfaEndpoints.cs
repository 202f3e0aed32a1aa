using System.Security.Claims;
using Platform.Security;
using Platform.ServiceDefaults.Http;

namespace Platform.Auth.Mfa;

/// <summary>An email user's own second factor: <c>GET /v1/me/totp</c> (its state), <c>POST /v1/me/totp</c>, <c>…/confirm</c>, <c>…/disable</c>.</summary>
public static class MfaEndpoints
{
    public static IEndpointRouteBuilder MapMfa(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/v1/me/totp").RequireAuthorization();
        me.MapGet("", async (ClaimsPrincipal user, MfaService mfa, CancellationToken cancellationToken) =>
            EmailUser(user) is not var (domain, email) ? NotAnEmailUser() : TypedResults.Ok(await mfa.StatusAsync(domain, email, cancellationToken)));
        me.MapPost("", async (ClaimsPrincipal user, MfaService mfa, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (EmailUser(user) is not var (domain, email))
            {
                return NotAnEmailUser();
            }

            var (enrollment, problem) = await mfa.StartAsync(domain, email, cancellationToken);
            http.Response.Headers.CacheControl = "no-store";
            return enrollment is not null ? TypedResults.Ok(enrollment) : Problem(problem!);
        });
        me.MapPost("/confirm", async (CodeRequest? body, ClaimsPrincipal user, MfaService mfa, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (EmailUser(user) is not var (domain, email))
            {
                return NotAnEmailUser();
            }

            var (codes, decision) = await mfa.ConfirmAsync(domain, email, body?.Code, cancellationToken);
            http.Response.Headers.CacheControl = "no-store";
            return codes is not null ? TypedResults.Ok(new RecoveryCodesResponse(codes)) : Problem(decision, http);
        });
        me.MapPost("/disable", async (CodeRequest? body, ClaimsPrincipal user, MfaService mfa, HttpContext http, CancellationToken cancellationToken) =>
            EmailUser(user) is not var (domain, email) ? NotAnEmailUser()
            : await mfa.DisableAsync(domain, email, body?.Code, cancellationToken) is { Problem: not null } refused ? Problem(refused, http)
            : TypedResults.NoContent());
        return app;
    }

    private static (string Domain, string Email)? EmailUser(ClaimsPrincipal user) =>
        user.IsInRole(PlatformRoles.EmailUser) && user.FindFirstValue(PlatformClaims.Email) is { } email && user.FindFirstValue(PlatformClaims.Domain) is { } domain
            ? (domain, email)
            : null;

    private static IResult NotAnEmailUser() => CodedProblem.Result(StatusCodes.Status403Forbidden, "not_an_email_user",
        "Only email users have a second factor here.", "Admins' accounts are managed under /v1/admin.");

    /// <summary>A refused decision, with <c>Retry-After</c> when the wrong codes ran out (<paramref name="enroll"/>: as below).</summary>
    internal static IResult Problem(MfaDecision refused, HttpContext http, string enroll = "/v1/me/totp")
    {
        if (refused.RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Problem(refused.Problem!, enroll);
    }

    /// <summary>A refused second-factor change, for email users and (<paramref name="enroll"/> their path) admins alike.</summary>
    internal static IResult Problem(string code, string enroll = "/v1/me/totp") => code switch
    {
        SecondFactorDecisions.AttemptsExceeded => CodedProblem.Result(StatusCodes.Status429TooManyRequests, code, "Too many wrong codes.",
            "Wait until the time in Retry-After has passed, then enter the current code from your authenticator app."),
        SecondFactorDecisions.Invalid => CodedProblem.Result(StatusCodes.Status400BadRequest, code, "The code is not right.",
            "Enter the current six-digit code from your authenticator app (or, to disable, a recovery code)."),
        SecondFactorDecisions.AlreadyEnabled => CodedProblem.Result(StatusCodes.Status409Conflict, code, "A second factor is on already.",
            "Disable it first (with a code) to enroll another authenticator."),
        SecondFactorDecisions.NotPending => CodedProblem.Result(StatusCodes.Status409Conflict, code, "No enrollment to confirm.",
            $"Start one with POST {enroll} first."),
        _ => CodedProblem.Result(StatusCodes.Status409Conflict, code, "No second factor is on.", "There is nothing to disable."),
    };
}

/// <summary>A TOTP or recovery code.</summary>
public sealed record CodeRequest(string? Code);

/// <summary>Shown once: each works one time instead of a TOTP code.</summary>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes)
{
    public override string ToString() => $"{RecoveryCodes.Count} recovery codes";
}

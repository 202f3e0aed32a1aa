using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Platform.Auth.Login;
using Platform.Auth.Mfa;
using Platform.Security;
using Platform.Security.Authentication;
using Platform.Security.Tokens;
using Platform.ServiceDefaults.Http;

namespace Platform.Auth.Admins;

/// <summary>
/// An admin's second factor: <c>GET /v1/admin/me/totp</c> (its state), <c>POST /v1/admin/me/totp</c> (enroll), <c>…/confirm</c>,
/// <c>…/disable</c>, and the last step of
/// an admin login — the code when the admin has TOTP, an enrollment-only token when platform admins must have it.
/// </summary>
public static class AdminSecondFactor
{
    private static readonly TimeSpan EnrollmentLifetime = TimeSpan.FromMinutes(10);

    private static readonly AuthorizationPolicy AdminOrEnrolling = new AuthorizationPolicyBuilder(PlatformAuthentication.Scheme)
        .RequireAuthenticatedUser().RequireClaim(PlatformClaims.Role, PlatformRoles.PlatformAdmin, PlatformRoles.DomainAdmin, PlatformRoles.AdminTotpEnrollment).Build();

    public static IEndpointRouteBuilder MapAdminSecondFactor(this IEndpointRouteBuilder app)
    {
        var totp = app.MapGroup("/v1/admin/me/totp");
        // Required: a platform admin (or one enrolling) while the setting is on; the panel then says so instead of offering to turn it off.
        totp.MapGet("", async (ClaimsPrincipal user, AdminAccounts admins, IOptions<AdminOptions> options, CancellationToken cancellationToken) =>
        {
            var factor = (await admins.FindAsync(user.GetSubject()!, cancellationToken))?.SecondFactor;
            var required = options.Value.RequireTotpForPlatformAdmins && (user.IsPlatformAdmin() || user.HasClaim(PlatformClaims.Role, PlatformRoles.AdminTotpEnrollment));
            return TypedResults.Ok(new AdminTotpStatus(factor?.Enabled == true, factor?.PendingSecret is not null,
                factor?.Enabled == true ? factor.RecoveryCodeHashes.Count : 0, required));
        }).RequireAuthorization(AdminOrEnrolling);
        totp.MapPost("", async (ClaimsPrincipal user, AdminMfa mfa, HttpContext http, CancellationToken cancellationToken) =>
        {
            var (enrollment, problem) = await mfa.StartAsync(user.GetSubject()!, cancellationToken);
            http.Response.Headers.CacheControl = "no-store";
            return enrollment is not null ? TypedResults.Ok(enrollment) : Problem(problem!);
        }).RequireAuthorization(AdminOrEnrolling);
        totp.MapPost("/confirm", async (CodeRequest? body, ClaimsPrincipal user, AdminMfa mfa, HttpContext http, CancellationToken cancellationToken) =>
        {
            var (codes, decision) = await mfa.ConfirmAsync(user.GetSubject()!, body?.Code, cancellationToken);
            http.Response.Headers.CacheControl = "no-store";
            return codes is not null ? TypedResults.Ok(new RecoveryCodesResponse(codes)) : MfaEndpoints.Problem(decision, http, Enroll);
        }).RequireAuthorization(AdminOrEnrolling);
        // Not while enrolling: a platform admin who must have TOTP cannot turn it off with the enrollment token.
        totp.MapPost("/disable", async (CodeRequest? body, ClaimsPrincipal user, AdminMfa mfa, IOptions<AdminOptions> options, HttpContext http, CancellationToken cancellationToken) =>
            user.IsPlatformAdmin() && options.Value.RequireTotpForPlatformAdmins
                ? CodedProblem.Result(StatusCodes.Status409Conflict, "totp_required", "The second factor is required.",
                    "Platform admins must have a second factor here (Auth:Admin:RequireTotpForPlatformAdmins).")
                : await mfa.DisableAsync(user.GetSubject()!, body?.Code, cancellationToken) is { Problem: not null } refused ? MfaEndpoints.Problem(refused, http, Enroll)
                : TypedResults.NoContent())
            .RequireAuthorization(new AuthorizationPolicyBuilder(PlatformAuthentication.Scheme).RequireAuthenticatedUser()
                .RequireClaim(PlatformClaims.Role, PlatformRoles.PlatformAdmin, PlatformRoles.DomainAdmin).Build());
        return app;
    }

    /// <summary>The answer to an admin whose password was right (and who is neither locked nor disabled).</summary>
    internal static async Task<IResult> FinishLoginAsync(AdminAccount admin, string? code, HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<AdminOptions>>().Value;
        var issuer = services.GetRequiredService<PlatformTokenIssuer>();
        http.Response.Headers.CacheControl = "no-store";
        if (admin.SecondFactor.Enabled)
        {
            if (await services.GetRequiredService<AdminMfa>().VerifyLoginAsync(admin, code, cancellationToken) is { } problem)
            {
                return problem == LoginProblems.MfaRequired
                    ? CodedProblem.Result(StatusCodes.Status401Unauthorized, problem, "A second factor is needed.",
                        "Enter the six-digit code from your authenticator app (or a recovery code) with your login.")
                    : CodedProblem.Result(StatusCodes.Status401Unauthorized, problem, "The code is not right.",
                        "The code is not right, or was used already.");
            }
        }
        else if (admin.Role == PlatformRoles.PlatformAdmin && options.RequireTotpForPlatformAdmins)
        {
            var enrolling = issuer.Issue(new PlatformTokenRequest(admin.Email, [PlatformRoles.AdminTotpEnrollment]) { Email = admin.Email, AuthenticationMethods = ["pwd"] },
                EnrollmentLifetime);
            return TypedResults.Ok(new AdminTokenResponse(enrolling.Token, "Bearer", (int)EnrollmentLifetime.TotalSeconds) { MfaEnrollmentRequired = true });
        }

        var token = issuer.Issue(
            (admin.Role == PlatformRoles.PlatformAdmin ? PlatformTokenRequest.PlatformAdmin(admin.Email) : PlatformTokenRequest.DomainAdmin(admin.Email, [.. admin.Domains]))
                with { Email = admin.Email, AuthenticationMethods = admin.SecondFactor.Enabled ? ["pwd", "otp"] : ["pwd"] },
            options.TokenLifetime);
        return TypedResults.Ok(new AdminTokenResponse(token.Token, "Bearer", (int)options.TokenLifetime.TotalSeconds));
    }

    private const string Enroll = "/v1/admin/me/totp";

    private static IResult Problem(string code) => MfaEndpoints.Problem(code, Enroll);
}

/// <summary>An admin's second factor: on, waiting for its first code, recovery codes left, and whether they must keep it.</summary>
public sealed record AdminTotpStatus(bool Enabled, bool EnrollmentPending, int RecoveryCodesLeft, bool Required);

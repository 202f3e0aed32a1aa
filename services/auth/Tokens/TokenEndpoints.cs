using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Auth.Accounts;
using Platform.Auth.Admins;
using Platform.Security;
using Platform.Security.Authentication;
using Platform.Security.Tokens;
using Platform.ServiceDefaults.Http;

namespace Platform.Auth.Tokens;

/// <summary>The public keys, and the refresh, check and logout of a session.</summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokens(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/jwks.json", (IOptions<PlatformTokenOptions> options, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=300";
            return TypedResults.Ok(PlatformJwks.From(options.Value));
        }).AllowAnonymous();
        app.MapPost("/v1/token/refresh", RefreshAsync).AllowAnonymous();
        app.MapPost("/v1/logout", async (RefreshRequest? request, TokenService tokens, CancellationToken cancellationToken) =>
        {
            await tokens.RevokeAsync(request?.RefreshToken, cancellationToken);
            return TypedResults.NoContent();
        }).AllowAnonymous();
        app.MapGet("/v1/session", CheckAsync).RequireAuthorization(AnyToken);
        return app;
    }

    /// <summary>Any valid platform token: whoever holds one may ask whether its session goes on (an admin enrolling a second factor too).</summary>
    private static readonly AuthorizationPolicy AnyToken = new AuthorizationPolicyBuilder(PlatformAuthentication.Scheme).RequireAuthenticatedUser().Build();

    /// <summary>
    /// Whether the session behind the bearer token goes on: 204, or 401 <c>session_ended</c> once auth has ended it
    /// (logout, a refresh token reused, the user let go), so a holder of the token — the panel — stops at once rather
    /// than at its next refresh. An admin's token names no session (admins get no refresh token): it goes on while the
    /// admin's account is neither disabled nor removed. A client's token (and an email user's from before
    /// <c>sid</c>, gone within 15 minutes) is its own session: 204 while it is valid.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> CheckAsync(
        ClaimsPrincipal user, TokenService tokens, AdminAccounts admins, HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        var live = user.FindFirst(PlatformClaims.SessionId)?.Value is { } sid
            ? Guid.TryParse(sid, out var id) && await tokens.IsLiveAsync(id, cancellationToken)
            : !IsAdmin(user) || await admins.IsActiveAsync(user.GetSubject()!, cancellationToken);
        if (live)
        {
            return TypedResults.NoContent();
        }

        http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"The session has ended.\"";
        return CodedProblem.Result(StatusCodes.Status401Unauthorized, "session_ended", "The session has ended.",
            "It was signed out, ended elsewhere or the account was let go: log in again.");
    }

    private static bool IsAdmin(ClaimsPrincipal user) =>
        user.IsPlatformAdmin() || user.HasClaim(PlatformClaims.Role, PlatformRoles.DomainAdmin) || user.HasClaim(PlatformClaims.Role, PlatformRoles.AdminTotpEnrollment);

    private static async Task<IResult> RefreshAsync(
        RefreshRequest? request, TokenService tokens, AccountService accounts, HttpContext http, CancellationToken cancellationToken)
    {
        var (issued, _) = await tokens.RefreshAsync(request?.RefreshToken,
            async (domain, email, ct) => AccountAccess.Refusal(await accounts.ReadAsync(domain, email, ct), "refresh") is null, cancellationToken);
        if (issued is null)
        {
            return CodedProblem.Result(StatusCodes.Status401Unauthorized, "invalid_grant", "The refresh token is not valid.",
                "It is unknown, used already, expired or its session has ended: log in again.");
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(issued);
    }
}

/// <summary>A refresh token, to rotate or to end its session.</summary>
public sealed record RefreshRequest(string? RefreshToken);

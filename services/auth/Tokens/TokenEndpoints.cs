using Microsoft.Extensions.Options;
using Platform.Auth.Accounts;
using Platform.Security.Tokens;
using Platform.ServiceDefaults.Http;

namespace Platform.Auth.Tokens;

/// <summary>The public keys, and the refresh and logout of a session.</summary>
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
        return app;
    }

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

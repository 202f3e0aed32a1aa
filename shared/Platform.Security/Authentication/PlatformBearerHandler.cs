using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Security.Tokens;

namespace Platform.Security.Authentication;

/// <summary>
/// The <c>Bearer</c> scheme: authenticates a request by its platform access token, and answers 401 and 403 with
/// problem details carrying a stable <c>code</c> and an RFC 6750 <c>WWW-Authenticate</c> header.
/// </summary>
internal sealed class PlatformBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PlatformTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? authorization = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var validation = await validator.ValidateAsync(authorization[BearerPrefix.Length..].Trim());
        return validation.Principal is { } principal
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name))
            : AuthenticateResult.Fail(new BearerTokenRefusedException(validation.FailureCode!, validation.FailureDescription!));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is BearerTokenRefusedException refused)
        {
            Response.Headers.WWWAuthenticate =
                $"Bearer error=\"invalid_token\", error_description=\"{refused.Description}\"";
            await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", refused.Code, refused.Description);
            return;
        }

        // No credentials: RFC 6750 §3.1 says to send no error code.
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", PlatformProblemCodes.Unauthenticated, "A bearer token is required.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", PlatformProblemCodes.Forbidden, "The token does not allow this request.");
    }

    private Task WriteProblemAsync(int status, string title, string code, string detail)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = status == StatusCodes.Status401Unauthorized
                ? "https://tools.ietf.org/html/rfc9110#section-15.5.2"
                : "https://tools.ietf.org/html/rfc9110#section-15.5.4",
            Extensions = { ["code"] = code },
        };
        Response.Headers.CacheControl = "no-store";
        return TypedResults.Problem(problem).ExecuteAsync(Context);
    }

    /// <summary>Carries the refusal from authentication to the challenge; its message is the code, safe to log.</summary>
    private sealed class BearerTokenRefusedException(string code, string description) : Exception(code)
    {
        public string Code { get; } = code;

        public string Description { get; } = description;
    }
}

using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Security.Tokens;

namespace Platform.Security.Authentication;

/// <summary>
/// JwtBearer's 401 and 403 as the platform answers them: problem details with a stable <c>code</c>, an RFC 6750
/// <c>WWW-Authenticate</c> header, and <c>Cache-Control: no-store</c>. IdentityModel's messages are for logs (they
/// carry times and key ids): clients get the platform's own descriptions instead.
/// </summary>
internal sealed class PlatformBearerEvents : JwtBearerEvents
{
    public PlatformBearerEvents()
    {
        OnAuthenticationFailed = Refuse;
        OnChallenge = ChallengeAsync;
        OnForbidden = ForbidAsync;
    }

    /// <summary>The refusal, translated once: the challenge reads it back from the result.</summary>
    private static Task Refuse(AuthenticationFailedContext context)
    {
        var refusal = PlatformTokenValidator.Failure(context.Exception);
        context.Fail(new BearerTokenRefusedException(refusal.FailureCode!, refusal.FailureDescription!));
        return Task.CompletedTask;
    }

    private static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var response = context.Response;
        if (context.AuthenticateFailure is BearerTokenRefusedException refused)
        {
            response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{refused.Description}\"";
            await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", refused.Code, refused.Description);
            return;
        }

        // No credentials: RFC 6750 §3.1 says to send no error code.
        response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", PlatformProblemCodes.Unauthenticated,
            "A bearer token is required.");
    }

    private static Task ForbidAsync(ForbiddenContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
        return WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", PlatformProblemCodes.Forbidden,
            "The token does not allow this request.");
    }

    private static Task WriteProblemAsync(HttpContext http, int status, string title, string code, string detail)
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
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Problem(problem).ExecuteAsync(http);
    }

    /// <summary>Carries the refusal from authentication to the challenge; its message is the code, safe to log.</summary>
    private sealed class BearerTokenRefusedException(string code, string description) : Exception(code)
    {
        public string Code { get; } = code;

        public string Description { get; } = description;
    }
}

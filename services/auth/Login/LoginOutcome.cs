using Platform.Auth.Tokens;

namespace Platform.Auth.Login;

/// <summary>A login's result: tokens, or a refusal with its HTTP status, stable code and (for 423/429) when to retry.</summary>
public sealed record LoginOutcome(TokenResponse? Tokens, int Status, string? Code, string? Detail, TimeSpan? RetryAfter = null)
{
    public static LoginOutcome Success(TokenResponse tokens) => new(tokens, 200, null, null);

    public static LoginOutcome Refused(int status, string code, string detail, TimeSpan? retryAfter = null) => new(null, status, code, detail, retryAfter);

    /// <summary>The client's address made too many attempts or failed logins: 429, whatever the account.</summary>
    public static LoginOutcome TooManyAttempts(TimeSpan retryAfter) => Refused(StatusCodes.Status429TooManyRequests, LoginProblems.TooManyAttempts,
        "Too many login attempts from your network; wait a moment before trying again.", retryAfter);
}

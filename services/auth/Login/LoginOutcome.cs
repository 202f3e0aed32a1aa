using Platform.Auth.Tokens;

namespace Platform.Auth.Login;

/// <summary>A login's result: tokens, or a refusal with its HTTP status, stable code and (for 423/429) when to retry.</summary>
public sealed record LoginOutcome(TokenResponse? Tokens, int Status, string? Code, string? Detail, TimeSpan? RetryAfter = null)
{
    public static LoginOutcome Success(TokenResponse tokens) => new(tokens, 200, null, null);

    public static LoginOutcome Refused(int status, string code, string detail, TimeSpan? retryAfter = null) => new(null, status, code, detail, retryAfter);
}

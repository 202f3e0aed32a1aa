using System.Security.Claims;

namespace Platform.Security.Tokens;

/// <summary>The outcome of validating a bearer token: a principal, or a stable failure code and a safe description.</summary>
public sealed class PlatformTokenValidation
{
    private PlatformTokenValidation(ClaimsPrincipal? principal, string? failureCode, string? failureDescription)
    {
        Principal = principal;
        FailureCode = failureCode;
        FailureDescription = failureDescription;
    }

    public ClaimsPrincipal? Principal { get; }

    /// <summary><see cref="PlatformProblemCodes.TokenExpired"/> or <see cref="PlatformProblemCodes.TokenInvalid"/>; null on success.</summary>
    public string? FailureCode { get; }

    /// <summary>Why the token was refused, in words safe to return to the client (never the token, never a key).</summary>
    public string? FailureDescription { get; }

    public bool Succeeded => Principal is not null;

    internal static PlatformTokenValidation Success(ClaimsPrincipal principal) => new(principal, null, null);

    internal static PlatformTokenValidation Expired() => new(null, PlatformProblemCodes.TokenExpired, "The token has expired.");

    internal static PlatformTokenValidation Invalid(string description) => new(null, PlatformProblemCodes.TokenInvalid, description);

    public override string ToString() => Succeeded ? "valid" : $"{FailureCode}: {FailureDescription}";
}

namespace Platform.Security;

/// <summary>The <c>code</c> of 401 and 403 problem details: stable, so clients can branch on them.</summary>
public static class PlatformProblemCodes
{
    /// <summary>No bearer token was sent.</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>The token was valid but has expired: get a new one.</summary>
    public const string TokenExpired = "token_expired";

    /// <summary>The token is malformed, not yet valid, or not signed by a platform key for this platform.</summary>
    public const string TokenInvalid = "token_invalid";

    /// <summary>The token is valid but does not allow this request.</summary>
    public const string Forbidden = "forbidden";
}

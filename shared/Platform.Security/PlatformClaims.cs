namespace Platform.Security;

/// <summary>Claim types of platform tokens, as they appear in the JWT and in the <see cref="System.Security.Claims.ClaimsPrincipal"/>.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string TokenId = "jti";
    public const string Role = "role";

    /// <summary>A domain the holder administers (domain-admin) or belongs to (email-user): IDN in ASCII, lowercase.</summary>
    public const string Domain = "domain";

    public const string Email = "email";

    /// <summary>How the holder authenticated (RFC 8176: <c>pwd</c>, <c>otp</c>, <c>mfa</c>...).</summary>
    public const string AuthenticationMethods = "amr";

    /// <summary>The login session the token was issued in (OpenID Connect's <c>sid</c>): an email user's refresh-token session at auth.</summary>
    public const string SessionId = "sid";
}

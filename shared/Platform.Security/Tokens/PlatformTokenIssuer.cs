using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Security.Tokens;

/// <summary>Signs platform access tokens (ES256). Only the auth service has the signing key.</summary>
public sealed class PlatformTokenIssuer : IDisposable
{
    /// <summary>The JWT <c>typ</c> of platform access tokens (RFC 9068), so no other JWT signed with the key passes as one.</summary>
    public const string TokenType = "at+jwt";

    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(1);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly ECDsaSecurityKey _key;
    private readonly SigningCredentials _credentials;
    private readonly string _issuer;
    private readonly string _audience;
    private readonly TimeProvider _time;

    /// <exception cref="InvalidOperationException">The issuer, audience or signing key is missing or invalid (the message names the setting, not its value).</exception>
    public PlatformTokenIssuer(PlatformTokenOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _issuer = Required(options.Issuer, PlatformTokenOptions.IssuerKey);
        _audience = Required(options.Audience, PlatformTokenOptions.AudienceKey);
        _key = PlatformKeys.PrivateKey(options.SigningKey, PlatformTokenOptions.SigningKeyKey);
        _credentials = new SigningCredentials(_key, SecurityAlgorithms.EcdsaSha256);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The <c>kid</c> this issuer puts in its tokens; the matching public key must be among every service's validation keys.</summary>
    public string KeyId => _key.KeyId;

    /// <summary>The SubjectPublicKeyInfo of the signing key, base64: the value to list in <c>Auth:ValidationKeys</c>.</summary>
    public string PublicKey => Convert.ToBase64String(_key.ECDsa.ExportSubjectPublicKeyInfo());

    public IssuedToken Issue(PlatformTokenRequest request, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Subject);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetime, MaximumLifetime);
        if (request.Roles.Count == 0 || request.Roles.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A platform token needs at least one role.", nameof(request));
        }

        // One token, one meaning for its domain claims: administered domains, or the user's own domain, never both.
        if (request.Roles.Contains(PlatformRoles.DomainAdmin) && request.Roles.Contains(PlatformRoles.EmailUser))
        {
            throw new ArgumentException("A token is either a domain-admin's or an email user's: its domain claims would be ambiguous.", nameof(request));
        }

        var domains = request.Domains
            .Select(domain => DomainNames.Normalize(domain) ?? throw new ArgumentException("A domain is not a valid domain name.", nameof(request)))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        // JWT times have whole seconds: truncate, so ExpiresAt is exactly what the token says.
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var expires = now + lifetime;
        var id = Guid.NewGuid().ToString("N");

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [PlatformClaims.Subject] = request.Subject,
            [PlatformClaims.TokenId] = id,
            [PlatformClaims.Role] = request.Roles.Distinct(StringComparer.Ordinal).ToArray(),
        };
        if (domains.Length > 0)
        {
            claims[PlatformClaims.Domain] = domains;
        }

        if (!string.IsNullOrWhiteSpace(request.Email))
        {
            claims[PlatformClaims.Email] = request.Email;
        }

        if (request.AuthenticationMethods.Count > 0)
        {
            claims[PlatformClaims.AuthenticationMethods] = request.AuthenticationMethods.Distinct(StringComparer.Ordinal).ToArray();
        }

        if (!string.IsNullOrWhiteSpace(request.SessionId))
        {
            claims[PlatformClaims.SessionId] = request.SessionId;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _issuer,
            Audience = _audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            TokenType = TokenType,
            Claims = claims,
            SigningCredentials = _credentials,
        });
        return new IssuedToken(token, id, now, expires);
    }

    public void Dispose() => _key.ECDsa.Dispose();

    private static string Required(string? value, string key) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"{key} ({PlatformTokenOptions.Variable(key)}) is not set.")
            : value;
}

using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Security.Authentication;

namespace Platform.Security.Tokens;

/// <summary>
/// Validates platform access tokens: ES256 only (no <c>alg: none</c>, no HMAC keyed with a public key), signed by one
/// of the configured validation keys, from the configured issuer, for the configured audience, within its lifetime.
/// A token that passed is remembered until it expires (at most five minutes, at most 10,000 tokens): a service
/// client sending the same token thousands of times a second — the filter asking about recipients — pays for the
/// signature check once, not on every request.
/// </summary>
public sealed class PlatformTokenValidator : IDisposable
{
    private const int MaxRemembered = 10_000;
    private static readonly TimeSpan MaxRememberFor = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (ClaimsIdentity Identity, DateTimeOffset Until)> _passed = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly IReadOnlyList<ECDsaSecurityKey> _keys;
    private readonly TokenValidationParameters _parameters;

    /// <exception cref="InvalidOperationException">A setting is missing or a key is invalid (the message names the setting, not its value).</exception>
    public PlatformTokenValidator(PlatformTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var issuer = Required(options.Issuer, PlatformTokenOptions.IssuerKey);
        var audience = Required(options.Audience, PlatformTokenOptions.AudienceKey);
        _keys = ValidationKeys(options);
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKeys = _keys,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = [PlatformTokenIssuer.TokenType],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            RequireAudience = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ClockSkew = options.ClockSkew,
            NameClaimType = PlatformClaims.Subject,
            RoleClaimType = PlatformClaims.Role,
            AuthenticationType = PlatformAuthentication.Scheme,
        };
    }

    /// <summary>The <c>kid</c>s of the keys tokens may be signed with.</summary>
    public IReadOnlyList<string> KeyIds => [.. _keys.Select(key => key.KeyId)];

    public async Task<PlatformTokenValidation> ValidateAsync(string token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return PlatformTokenValidation.Invalid("The token is empty.");
        }

        var now = DateTimeOffset.UtcNow;
        if (_passed.TryGetValue(token, out var passed))
        {
            if (now < passed.Until)
            {
                // A copy: what one request adds to its principal never reaches another's.
                return PlatformTokenValidation.Success(new ClaimsPrincipal(passed.Identity.Clone()));
            }

            _passed.TryRemove(token, out _);
        }

        var result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return Failure(result.Exception);
        }

        var identity = result.ClaimsIdentity;
        if (string.IsNullOrWhiteSpace(identity.FindFirst(PlatformClaims.Subject)?.Value))
        {
            return PlatformTokenValidation.Invalid("The token has no subject.");
        }

        Remember(token, identity.Clone(), result.SecurityToken.ValidTo, now);
        return PlatformTokenValidation.Success(new ClaimsPrincipal(identity));
    }

    /// <summary>Until the token's expiry (without the clock skew: past it, a full validation decides again).</summary>
    private void Remember(string token, ClaimsIdentity identity, DateTime expires, DateTimeOffset now)
    {
        if (_passed.Count >= MaxRemembered)
        {
            _passed.Clear();
        }

        var until = new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc));
        _passed[token] = (identity, until < now + MaxRememberFor ? until : now + MaxRememberFor);
    }

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.ECDsa.Dispose();
        }
    }

    // IdentityModel's messages are for logs (and carry details such as times and key ids): clients get these instead.
    private static PlatformTokenValidation Failure(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => PlatformTokenValidation.Expired(),
        SecurityTokenNotYetValidException => PlatformTokenValidation.Invalid("The token is not valid yet."),
        SecurityTokenInvalidIssuerException => PlatformTokenValidation.Invalid("The token is from another issuer."),
        SecurityTokenInvalidAudienceException => PlatformTokenValidation.Invalid("The token is for another audience."),
        SecurityTokenInvalidAlgorithmException or SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException
            => PlatformTokenValidation.Invalid("The token's signature is not valid."),
        SecurityTokenInvalidTypeException => PlatformTokenValidation.Invalid("The token is not a platform access token."),
        _ => PlatformTokenValidation.Invalid("The token is malformed or not valid."),
    };

    private static List<ECDsaSecurityKey> ValidationKeys(PlatformTokenOptions options)
    {
        if (options.ValidationKeys.Count == 0)
        {
            var key = PlatformTokenOptions.ValidationKeysKey + ":0";
            throw new InvalidOperationException(
                $"{key} ({PlatformTokenOptions.Variable(key)}) is not set: at least one validation key (base64 SubjectPublicKeyInfo EC P-256) is required.");
        }

        var keys = new List<ECDsaSecurityKey>();
        try
        {
            for (var i = 0; i < options.ValidationKeys.Count; i++)
            {
                keys.Add(PlatformKeys.PublicKey(options.ValidationKeys[i], $"{PlatformTokenOptions.ValidationKeysKey}:{i}"));
            }
        }
        catch
        {
            keys.ForEach(key => key.ECDsa.Dispose());
            throw;
        }

        return keys;
    }

    private static string Required(string? value, string key) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"{key} ({PlatformTokenOptions.Variable(key)}) is not set.")
            : value;
}

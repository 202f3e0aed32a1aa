using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Security.Authentication;

namespace Platform.Security.Tokens;

/// <summary>
/// The rules of platform access tokens, as IdentityModel's <see cref="TokenValidationParameters"/>: ES256 only (no
/// <c>alg: none</c>, no HMAC keyed with a public key), signed by one of the configured validation keys, <c>typ</c>
/// <c>at+jwt</c>, from the configured issuer, for the configured audience, within its lifetime and the clock skew. The
/// JwtBearer scheme validates requests with these <see cref="Parameters"/> and <see cref="Handler"/> (which remembers
/// tokens that passed); <see cref="ValidateAsync"/> does the same for a token at hand.
/// </summary>
public sealed class PlatformTokenValidator : IDisposable
{
    private readonly IReadOnlyList<ECDsaSecurityKey> _keys;

    /// <exception cref="InvalidOperationException">A setting is missing or a key is invalid (the message names the setting, not its value).</exception>
    public PlatformTokenValidator(PlatformTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var issuer = Required(options.Issuer, PlatformTokenOptions.IssuerKey);
        var audience = Required(options.Audience, PlatformTokenOptions.AudienceKey);
        _keys = ValidationKeys(options);
        Parameters = new TokenValidationParameters
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

    public TokenValidationParameters Parameters { get; }

    public PlatformTokenHandler Handler { get; } = new();

    /// <summary>The <c>kid</c>s of the keys tokens may be signed with.</summary>
    public IReadOnlyList<string> KeyIds => [.. _keys.Select(key => key.KeyId)];

    public async Task<PlatformTokenValidation> ValidateAsync(string token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return PlatformTokenValidation.Invalid("The token is empty.");
        }

        var result = await Handler.ValidateTokenAsync(token, Parameters).ConfigureAwait(false);
        return result.IsValid ? PlatformTokenValidation.Success(new ClaimsPrincipal(result.ClaimsIdentity)) : Failure(result.Exception);
    }

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.ECDsa.Dispose();
        }
    }

    // IdentityModel's messages are for logs (and carry details such as times and key ids): clients get these instead.
    internal static PlatformTokenValidation Failure(Exception? exception) => exception switch
    {
        AggregateException { InnerExceptions: [var single] } => Failure(single),
        SecurityTokenNoSubjectException => PlatformTokenValidation.Invalid("The token has no subject."),
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

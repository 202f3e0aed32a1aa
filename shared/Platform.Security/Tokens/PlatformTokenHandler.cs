using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Security.Tokens;

/// <summary>
/// JwtBearer's token handler for platform tokens: IdentityModel's <see cref="JsonWebTokenHandler"/> with two rules of
/// ours on top. A token must name its subject. A token that passed is remembered until it expires (at most five
/// minutes, at most 10,000 tokens): a service client sending the same token thousands of times a second — the filter
/// asking about recipients — pays for the signature check once, not on every request (it halved recipient lookups).
/// </summary>
public sealed class PlatformTokenHandler : JsonWebTokenHandler
{
    private const int MaxRemembered = 10_000;
    private static readonly TimeSpan MaxRememberFor = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Remembered> _passed = new(StringComparer.Ordinal);

    public PlatformTokenHandler() => MapInboundClaims = false;

    /// <remarks>
    /// The remembered tokens were validated with the parameters of the one platform validator that owns this handler,
    /// which never change: so the cache key is the token alone.
    /// </remarks>
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = DateTimeOffset.UtcNow;
        if (!string.IsNullOrEmpty(token) && _passed.TryGetValue(token, out var passed))
        {
            if (now < passed.Until)
            {
                // A copy: what one request adds to its principal never reaches another's.
                return new TokenValidationResult { IsValid = true, ClaimsIdentity = passed.Identity.Clone(), SecurityToken = passed.Token };
            }

            _passed.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return result;
        }

        var identity = result.ClaimsIdentity;
        if (string.IsNullOrWhiteSpace(identity.FindFirst(PlatformClaims.Subject)?.Value))
        {
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenNoSubjectException() };
        }

        Remember(token, identity.Clone(), result.SecurityToken, now);
        return result;
    }

    /// <summary>Until the token's expiry (without the clock skew: past it, a full validation decides again).</summary>
    private void Remember(string token, ClaimsIdentity identity, SecurityToken validated, DateTimeOffset now)
    {
        if (_passed.Count >= MaxRemembered)
        {
            _passed.Clear();
        }

        var until = new DateTimeOffset(DateTime.SpecifyKind(validated.ValidTo, DateTimeKind.Utc));
        _passed[token] = new Remembered(identity, validated, until < now + MaxRememberFor ? until : now + MaxRememberFor);
    }

    private sealed record Remembered(ClaimsIdentity Identity, SecurityToken Token, DateTimeOffset Until);
}

/// <summary>A signed, valid token without a <c>sub</c>: no platform token is issued so.</summary>
public sealed class SecurityTokenNoSubjectException() : SecurityTokenValidationException("The token has no subject.");

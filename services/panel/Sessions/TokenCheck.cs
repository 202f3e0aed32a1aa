using System.Security.Claims;
using Platform.Security.Tokens;

namespace Platform.Panel.Sessions;

/// <summary>
/// Takes a token from auth only when it is a valid platform token (signature by a configured validation key,
/// issuer, audience, lifetime: the platform's validator, as every service uses); then its claims for the cookie.
/// </summary>
public sealed class TokenCheck(IConfiguration configuration) : IDisposable
{
    private readonly PlatformTokenValidator _validator = new(PlatformTokenOptions.FromConfiguration(configuration));

    public async Task<ClaimsPrincipal?> PrincipalOfAsync(string accessToken) =>
        (await _validator.ValidateAsync(accessToken)).Succeeded ? TokenClaims.PrincipalOf(accessToken) : null;

    public void Dispose() => _validator.Dispose();
}

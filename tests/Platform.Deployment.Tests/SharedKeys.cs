using Microsoft.Extensions.Configuration;
using Platform.Security.Secrets;
using Platform.Security.Tokens;

namespace Platform.Deployment.Tests;

/// <summary>
/// Whether the keys a deployment gives its services fit together: auth's tokens pass every service's validation, and
/// a secret auth protects at rest, directory-sync reads.
/// </summary>
internal static class SharedKeys
{
    private const string Secret = "bind-password";
    private const string Purpose = "directory/a.example/bind-password";

    /// <summary>Each service (by name) that refuses a token issued with <paramref name="auth"/>'s settings, and why.</summary>
    public static async Task<IReadOnlyList<string>> RefusedTokensAsync(
        IConfiguration auth, IEnumerable<(string Service, IConfiguration Settings)> services)
    {
        using var issuer = new PlatformTokenIssuer(PlatformTokenOptions.FromConfiguration(auth));
        var token = issuer.Issue(PlatformTokenRequest.PlatformAdmin("deployment-keys-test"), TimeSpan.FromMinutes(5));
        var refused = new List<string>();
        foreach (var (service, settings) in services)
        {
            using var validator = new PlatformTokenValidator(PlatformTokenOptions.FromConfiguration(settings));
            if (await validator.ValidateAsync(token.Token) is { Succeeded: false } validation)
            {
                refused.Add($"{service}: {validation}");
            }
        }

        return refused;
    }

    /// <summary>Whether a secret protected with <paramref name="protecting"/>'s key is read back with <paramref name="reading"/>'s.</summary>
    public static bool SecretsRoundTrip(IConfiguration protecting, IConfiguration reading)
    {
        var protectedSecret = new SecretProtector(SecretProtectionOptions.FromConfiguration(protecting)).Protect(Secret, Purpose);
        return new SecretProtector(SecretProtectionOptions.FromConfiguration(reading)).Unprotect(protectedSecret, Purpose).Reveal() == Secret;
    }
}

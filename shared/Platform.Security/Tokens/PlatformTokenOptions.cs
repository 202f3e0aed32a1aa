using Microsoft.Extensions.Configuration;

namespace Platform.Security.Tokens;

/// <summary>
/// The <c>Auth</c> settings: who issues platform tokens, for whom, and with which keys. Every service has the
/// validation keys (several, so that a key can be rotated); only the auth service has the signing key.
/// </summary>
public sealed class PlatformTokenOptions
{
    public const string IssuerKey = "Auth:Issuer";
    public const string AudienceKey = "Auth:Audience";
    public const string SigningKeyKey = "Auth:SigningKey";
    public const string ValidationKeysKey = "Auth:ValidationKeys";

    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>Base64 PKCS#8 DER of an EC P-256 private key.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Base64 SubjectPublicKeyInfo DER of EC P-256 public keys; a token signed by any of them is accepted.</summary>
    public IList<string> ValidationKeys { get; } = [];

    /// <summary>How far apart the issuer's and a validator's clocks may be.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public static PlatformTokenOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new PlatformTokenOptions();
        options.Read(configuration);
        return options;
    }

    internal void Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Issuer = configuration[IssuerKey];
        Audience = configuration[AudienceKey];
        SigningKey = configuration[SigningKeyKey];
        ValidationKeys.Clear();
        foreach (var key in IndexedValues(configuration.GetSection(ValidationKeysKey)))
        {
            ValidationKeys.Add(key);
        }
    }

    internal static IEnumerable<string> IndexedValues(IConfigurationSection section) =>
        section.GetChildren()
            .Where(child => !string.IsNullOrWhiteSpace(child.Value))
            .OrderBy(child => int.TryParse(child.Key, out var index) ? index : int.MaxValue)
            .ThenBy(child => child.Key, StringComparer.Ordinal)
            .Select(child => child.Value!);

    /// <summary>The environment variable that sets a configuration key, for messages an operator can act on.</summary>
    internal static string Variable(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}

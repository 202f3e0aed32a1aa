using Microsoft.Extensions.Configuration;
using Platform.Security.Tokens;

namespace Platform.Security.Secrets;

/// <summary>
/// The <c>Secrets</c> settings: the AES-256 key that protects secrets at rest, and the keys it replaced, which
/// still decrypt what they protected until it is re-protected.
/// </summary>
public sealed class SecretProtectionOptions
{
    public const string EncryptionKeyKey = "Secrets:EncryptionKey";
    public const string PreviousEncryptionKeysKey = "Secrets:PreviousEncryptionKeys";

    /// <summary>Base64 of 32 random bytes; protects everything new.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Base64 of 32 bytes each; only decrypt.</summary>
    public IList<string> PreviousEncryptionKeys { get; } = [];

    public static SecretProtectionOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new SecretProtectionOptions();
        options.Read(configuration);
        return options;
    }

    internal void Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        EncryptionKey = configuration[EncryptionKeyKey];
        PreviousEncryptionKeys.Clear();
        foreach (var key in PlatformTokenOptions.IndexedValues(configuration.GetSection(PreviousEncryptionKeysKey)))
        {
            PreviousEncryptionKeys.Add(key);
        }
    }
}

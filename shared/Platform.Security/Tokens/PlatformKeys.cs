using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Security.Tokens;

/// <summary>
/// Reads the configured EC P-256 keys. Messages name the setting, never its value: a key in a crash log is a leaked key.
/// </summary>
internal static class PlatformKeys
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static ECDsaSecurityKey PrivateKey(string? base64, string setting)
    {
        var der = Decode(base64, setting, "a base64 PKCS#8 EC P-256 private key");
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportPkcs8PrivateKey(der, out _);
            RequireP256(ecdsa, setting);
            return Key(ecdsa);
        }
        catch (CryptographicException)
        {
            ecdsa.Dispose();
            throw new InvalidOperationException($"{Name(setting)} is not a base64 PKCS#8 EC P-256 private key.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <remarks>
    /// IdentityModel's default factory caches signature providers process-wide by key id; a validator or issuer
    /// disposed with its key (a test host, a reloaded configuration) would leave a provider over a disposed ECDsa in
    /// that cache, and the next key with the same id would fail every signature. Each key gets an uncached factory.
    /// </remarks>
    private static ECDsaSecurityKey Key(ECDsa ecdsa) => new(ecdsa)
    {
        KeyId = KeyId(ecdsa),
        CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
    };

    public static ECDsaSecurityKey PublicKey(string? base64, string setting)
    {
        var der = Decode(base64, setting, "a base64 SubjectPublicKeyInfo EC P-256 public key");
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(der, out _);
            RequireP256(ecdsa, setting);
            return Key(ecdsa);
        }
        catch (CryptographicException)
        {
            ecdsa.Dispose();
            throw new InvalidOperationException($"{Name(setting)} is not a base64 SubjectPublicKeyInfo EC P-256 public key.");
        }
    }

    /// <summary>
    /// The JWT <c>kid</c>: base64url SHA-256 of the public key's SubjectPublicKeyInfo, so issuer and validators derive
    /// the same id from the key itself and no id needs configuring.
    /// </summary>
    public static string KeyId(ECDsa key) => Base64Url.EncodeToString(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    private static byte[] Decode(string? base64, string setting, string expected)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            throw new InvalidOperationException($"{Name(setting)} is not set: it must hold {expected}.");
        }

        try
        {
            return Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{Name(setting)} is not {expected}: it is not base64.");
        }
    }

    private static void RequireP256(ECDsa ecdsa, string setting)
    {
        var curve = ecdsa.ExportParameters(false).Curve;
        if (!curve.IsNamed || (curve.Oid.Value != P256Oid && curve.Oid.FriendlyName is not ("nistP256" or "ECDSA_P256" or "prime256v1" or "secp256r1")))
        {
            throw new CryptographicException("Not a P-256 key.");
        }
    }

    private static string Name(string setting) => $"{setting} ({PlatformTokenOptions.Variable(setting)})";
}

using System.Security.Cryptography;
using Platform.Security.Tokens;

namespace Platform.Security.Tests;

/// <summary>A fresh EC P-256 key pair per test, in the configuration formats (base64 PKCS#8 and SubjectPublicKeyInfo).</summary>
internal sealed record TestKeyPair(string PrivateKey, string PublicKey)
{
    public const string Issuer = "test-auth";
    public const string Audience = "test-platform";

    public static TestKeyPair Create(ECCurve? curve = null)
    {
        using var ecdsa = ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256);
        return new TestKeyPair(Convert.ToBase64String(ecdsa.ExportPkcs8PrivateKey()), Convert.ToBase64String(ecdsa.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>Options that sign with this key and validate with <paramref name="validationKeys"/> (this key's public key by default).</summary>
    public PlatformTokenOptions Options(params TestKeyPair[] validationKeys)
    {
        var options = new PlatformTokenOptions { Issuer = Issuer, Audience = Audience, SigningKey = PrivateKey };
        foreach (var key in validationKeys.Length == 0 ? [this] : validationKeys)
        {
            options.ValidationKeys.Add(key.PublicKey);
        }

        return options;
    }

    public Dictionary<string, string?> Settings() => new(StringComparer.Ordinal)
    {
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Auth:ValidationKeys:0"] = PublicKey,
    };

    public override string ToString() => "test key pair";
}

using System.Buffers.Text;

namespace Platform.Security.Tokens;

/// <summary>
/// The validation keys as a JSON Web Key Set (RFC 7517), for <c>/.well-known/jwks.json</c>: every key a platform token
/// may be signed with, so that a key being rotated in is published before tokens signed with it appear.
/// </summary>
public static class PlatformJwks
{
    public static JsonWebKeySet From(PlatformTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = new List<JsonWebKeyDocument>();
        foreach (var value in options.ValidationKeys)
        {
            var key = PlatformKeys.PublicKey(value, PlatformTokenOptions.ValidationKeysKey);
            using var ecdsa = key.ECDsa;
            var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
            keys.Add(new JsonWebKeyDocument("EC", "P-256", Base64Url.EncodeToString(point.X), Base64Url.EncodeToString(point.Y), key.KeyId, "sig", "ES256"));
        }

        return new JsonWebKeySet(keys);
    }
}

/// <summary>An EC public key as a JWK.</summary>
public sealed record JsonWebKeyDocument(string Kty, string Crv, string X, string Y, string Kid, string Use, string Alg);

/// <summary>A JWK set: <c>{ "keys": [...] }</c>.</summary>
public sealed record JsonWebKeySet(IReadOnlyList<JsonWebKeyDocument> Keys);

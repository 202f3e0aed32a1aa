using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Auth.Tokens;

/// <summary>Refresh tokens are 256 random bits; only their SHA-256 is stored, so the table leaks no usable token.</summary>
public static class RefreshTokens
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

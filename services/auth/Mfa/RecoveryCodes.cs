using System.Security.Cryptography;
using System.Text;

namespace Platform.Auth.Mfa;

/// <summary>
/// Ten single-use recovery codes, shown once at enrollment: 10 characters from an alphabet without look-alikes (50
/// bits each), written <c>xxxxx-xxxxx</c>. High-entropy, so a SHA-256 of the normalized code is what is stored.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static IReadOnlyList<string> New() =>
        [.. Enumerable.Range(0, Count).Select(_ =>
        {
            var chars = RandomNumberGenerator.GetString(Alphabet, 10);
            return $"{chars[..5]}-{chars[5..]}";
        })];

    public static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));

    /// <summary>The unused hash <paramref name="presented"/> matches, or null.</summary>
    public static string? Match(string? presented, IEnumerable<string> unusedHashes)
    {
        if (presented is null || Normalize(presented).Length != 10)
        {
            return null;
        }

        var hash = Encoding.ASCII.GetBytes(Hash(presented));
        return unusedHashes.FirstOrDefault(h => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(h), hash));
    }

    private static string Normalize(string code) => code.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToLowerInvariant();
}

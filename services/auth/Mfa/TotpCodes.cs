using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Auth.Mfa;

/// <summary>Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 30-second steps, 6 digits.</summary>
public static class TotpCodes
{
    public const int Period = 30;
    public const int Digits = 6;

    public static long Step(DateTimeOffset at) => at.ToUnixTimeSeconds() / Period;

    /// <summary>The code of <paramref name="step"/> (RFC 4226 §5.3's dynamic truncation), zero-padded.</summary>
    public static string Compute(byte[] secret, long step, int digits = Digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff) % (int)Math.Pow(10, digits);
        return binary.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The step whose code <paramref name="code"/> is, within <paramref name="window"/> steps either side of now (a
    /// phone's clock drifts), and after <paramref name="lastUsedStep"/>: a code once used — or one older than a code
    /// used — is never accepted again. Null otherwise. Compared in constant time.
    /// </summary>
    public static long? Match(byte[] secret, string? code, DateTimeOffset now, long? lastUsedStep, int window = 1)
    {
        var digits = code?.Replace(" ", "", StringComparison.Ordinal);
        if (digits is not { Length: Digits } || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var given = Encoding.ASCII.GetBytes(digits);
        var current = Step(now);
        long? matched = null;
        for (var step = current - window; step <= current + window; step++)
        {
            // Every candidate is computed and compared, so the time taken does not say which one matched.
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, step)), given) && step > (lastUsedStep ?? long.MinValue))
            {
                matched ??= step;
            }
        }

        return matched;
    }
}

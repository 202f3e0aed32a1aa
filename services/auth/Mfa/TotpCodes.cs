using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace Platform.Auth.Mfa;

/// <summary>
/// Time-based one-time passwords (RFC 6238): Otp.NET's TOTP with HMAC-SHA1, 30-second steps, 6 digits. Ours is the
/// rule around it: the replay rule, and checking every step of the window in constant time.
/// </summary>
public static class TotpCodes
{
    public const int Period = 30;
    public const int Digits = 6;

    /// <summary>One step either side of now: a phone's clock drifts.</summary>
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public static long Step(DateTimeOffset at) => at.ToUnixTimeSeconds() / Period;

    /// <summary>The code of <paramref name="step"/>, zero-padded.</summary>
    public static string Compute(byte[] secret, long step, int digits = Digits) =>
        new Totp(secret, Period, OtpHashMode.Sha1, digits).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * Period).UtcDateTime);

    /// <summary>
    /// The step whose code <paramref name="code"/> is, within the window around now, and after
    /// <paramref name="lastUsedStep"/>: a code once used — or one older than a code used — is never accepted again.
    /// Null otherwise.
    /// </summary>
    /// <remarks>
    /// Not Otp.NET's <c>VerifyTotp</c>: it stops at the first step that matches, so its time would say which step
    /// matched, and it knows nothing of used steps. Every step of the window is computed and compared here.
    /// </remarks>
    public static long? Match(byte[] secret, string? code, DateTimeOffset now, long? lastUsedStep)
    {
        var digits = code?.Replace(" ", "", StringComparison.Ordinal);
        if (digits is not { Length: Digits } || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var given = Encoding.ASCII.GetBytes(digits);
        long? matched = null;
        foreach (var step in Window.ValidationCandidates(Step(now)).Order())
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, step)), given) && step > (lastUsedStep ?? long.MinValue))
            {
                matched ??= step;
            }
        }

        return matched;
    }
}

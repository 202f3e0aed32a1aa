using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Platform.Panel.Tests;

/// <summary>
/// The user's authenticator app (RFC 6238: HMAC-SHA1, 30-second steps, six digits); each code from a later step than
/// the one before, as auth accepts a code once and never an older one (it allows one step of drift).
/// </summary>
public sealed class Authenticator(byte[] secret)
{
    private long _lastStep = long.MinValue;

    public string NextCode()
    {
        _lastStep = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30, _lastStep + 1);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, _lastStep);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", CultureInfo.InvariantCulture);
    }

    public override string ToString() => "an authenticator app";
}

using System.Globalization;

namespace Platform.Directory.Search;

/// <summary>LDAP GeneralizedTime (RFC 4517 §3.3.13), as modifyTimestamp and AD's currentTime use it.</summary>
public static class GeneralizedTime
{
    /// <summary><c>yyyyMMddHHmmssZ</c> in UTC, truncated to whole seconds.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z";

    /// <summary>Parses <c>yyyyMMddHH[mm[ss]][(.|,)fraction](Z|±hh[mm])</c>.</summary>
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null || text.Length < 11)
        {
            return false;
        }

        var zone = text.IndexOfAny(['Z', '+', '-']);
        if (zone < 10)
        {
            return false;
        }

        var local = text[..zone];
        var fraction = local.IndexOfAny(['.', ',']);
        var whole = fraction < 0 ? local : local[..fraction];
        var formats = new[] { "yyyyMMddHH", "yyyyMMddHHmm", "yyyyMMddHHmmss" };
        if (!DateTime.TryParseExact(whole, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        if (text[zone] != 'Z')
        {
            var digits = text[(zone + 1)..];
            if (digits.Length is not (2 or 4) || !digits.All(char.IsAsciiDigit))
            {
                return false;
            }

            offset = new TimeSpan(int.Parse(digits[..2], CultureInfo.InvariantCulture), digits.Length == 4 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0, 0);
            offset = text[zone] == '-' ? -offset : offset;
        }
        else if (zone != text.Length - 1)
        {
            return false;
        }

        time = new DateTimeOffset(parsed, offset).ToUniversalTime();
        return true;
    }
}

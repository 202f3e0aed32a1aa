using System.Globalization;
using System.Text;

namespace Platform.Directory.Escaping;

/// <summary>Builds distinguished names (RFC 4514) from values a user or an admin typed.</summary>
public static class LdapDn
{
    /// <summary>
    /// Escapes an attribute value for use in a DN: <c>, + " \ &lt; &gt; ; =</c> get a backslash, a leading space or
    /// <c>#</c> and a trailing space are escaped, NUL and other control characters become <c>\hh</c>. So a login such
    /// as <c>admin,ou=admins</c> can never move the DN to another place in the tree. Non-ASCII text stays as it is.
    /// </summary>
    public static string EscapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case ',' or '+' or '"' or '\\' or '<' or '>' or ';' or '=':
                    escaped.Append('\\').Append(c);
                    break;
                case ' ' when i == 0 || i == value.Length - 1:
                    escaped.Append("\\ ");
                    break;
                case '#' when i == 0:
                    escaped.Append("\\#");
                    break;
                case < ' ' or '\u007f':
                    escaped.Append('\\').Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Whether <paramref name="dn"/> is a syntactically valid, non-empty DN: <c>attr=value</c> pairs separated by
    /// commas (multi-valued RDNs joined by <c>+</c>), with RFC 4514 escapes. Says nothing about whether it exists.
    /// </summary>
    public static bool IsValid(string? dn) => Parse(dn) is not null;

    /// <summary>The RDNs of <paramref name="dn"/> as (attribute, raw value) pairs, or null when it is not a valid DN.</summary>
    internal static IReadOnlyList<(string Attribute, string Value)>? Parse(string? dn)
    {
        if (string.IsNullOrWhiteSpace(dn))
        {
            return null;
        }

        var parts = new List<(string, string)>();
        var i = 0;
        while (true)
        {
            while (i < dn.Length && dn[i] == ' ')
            {
                i++;
            }

            var start = i;
            while (i < dn.Length && dn[i] != '=')
            {
                i++;
            }

            if (i == dn.Length)
            {
                return null;
            }

            var attribute = dn[start..i].Trim();
            if (!AttributeNames.IsValid(attribute))
            {
                return null;
            }

            i++;
            var value = new StringBuilder();
            while (i < dn.Length && dn[i] is not (',' or '+'))
            {
                if (dn[i] == '\\')
                {
                    if (i + 1 >= dn.Length)
                    {
                        return null;
                    }

                    if (Uri.IsHexDigit(dn[i + 1]))
                    {
                        if (i + 2 >= dn.Length || !Uri.IsHexDigit(dn[i + 2]))
                        {
                            return null;
                        }

                        value.Append(dn, i, 3);
                        i += 3;
                        continue;
                    }

                    value.Append(dn, i, 2);
                    i += 2;
                    continue;
                }

                if (dn[i] is '"' or ';' or '<' or '>')
                {
                    return null;
                }

                value.Append(dn[i]);
                i++;
            }

            if (value.ToString().Trim().Length == 0)
            {
                return null;
            }

            parts.Add((attribute, value.ToString().Trim()));
            if (i == dn.Length)
            {
                return parts;
            }

            i++;
        }
    }
}

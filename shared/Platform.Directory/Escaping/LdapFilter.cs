using System.Text;

namespace Platform.Directory.Escaping;

/// <summary>Builds LDAP search filters (RFC 4515) from values a user or an admin typed.</summary>
public static class LdapFilter
{
    /// <summary>
    /// Escapes a value for use inside a filter assertion: <c>*</c>, <c>(</c>, <c>)</c>, <c>\</c> and NUL become
    /// <c>\2a</c>, <c>\28</c>, <c>\29</c>, <c>\5c</c> and <c>\00</c>, so a login such as <c>*)(uid=*</c> can only ever
    /// match itself. Other control characters are hex-escaped too; non-ASCII text stays as it is (RFC 4515 carries
    /// UTF-8 unescaped, and the client library sends the filter as UTF-8).
    /// </summary>
    public static string EscapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringBuilder? escaped = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var replacement = c switch
            {
                '*' => "\\2a",
                '(' => "\\28",
                ')' => "\\29",
                '\\' => "\\5c",
                '\0' => "\\00",
                < ' ' or '\u007f' => "\\" + ((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };
            if (replacement is null)
            {
                escaped?.Append(c);
                continue;
            }

            escaped ??= new StringBuilder(value, 0, i, value.Length + 8);
            escaped.Append(replacement);
        }

        return escaped?.ToString() ?? value;
    }

    /// <summary><c>(attribute=value)</c> with the value escaped; the attribute name must be a valid description.</summary>
    public static string Equality(string attribute, string value)
    {
        if (!AttributeNames.IsValid(attribute))
        {
            throw new ArgumentException($"'{attribute}' is not a valid LDAP attribute name.", nameof(attribute));
        }

        return $"({attribute}={EscapeValue(value)})";
    }

    /// <summary>Every filter that is not null or empty, ANDed: <c>(&amp;(a)(b))</c>, or the single filter alone.</summary>
    public static string And(params string?[] filters)
    {
        var parts = filters.Where(f => !string.IsNullOrEmpty(f)).ToArray();
        return parts.Length switch
        {
            0 => "(objectClass=*)",
            1 => parts[0]!,
            _ => "(&" + string.Concat(parts) + ")",
        };
    }

    /// <summary>The filters ORed: <c>(|(a)(b))</c>, or the single filter alone.</summary>
    public static string Or(params string[] filters) =>
        filters.Length == 1 ? filters[0] : "(|" + string.Concat(filters) + ")";
}

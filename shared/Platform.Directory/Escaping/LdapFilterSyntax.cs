namespace Platform.Directory.Escaping;

/// <summary>
/// Checks that an admin-supplied filter (e.g. a group-membership restriction) is a well-formed RFC 4515 filter before
/// it is combined with ours: balanced parentheses, a known operator in every item, valid <c>\hh</c> escapes. A broken
/// filter would otherwise fail only at sync time, or — worse — change the meaning of the filter it is ANDed into.
/// </summary>
public static class LdapFilterSyntax
{
    /// <summary>Null when <paramref name="filter"/> is valid; otherwise what is wrong and where, for the admin.</summary>
    public static string? Check(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return "The filter is empty.";
        }

        if (filter[0] != '(')
        {
            return "The filter must be enclosed in parentheses, e.g. (memberOf=cn=mail-users,ou=groups,dc=example,dc=com).";
        }

        var parser = new Parser(filter);
        var error = parser.Filter();
        if (error is null && parser.Position != filter.Length)
        {
            error = $"Unexpected text after the end of the filter at position {parser.Position + 1}"
                + (filter[parser.Position] == ')' ? " (one ')' too many)." : ".");
        }

        return error;
    }

    private sealed class Parser(string text)
    {
        private const int MaxDepth = 50;
        private int _depth;

        public int Position { get; private set; }

        public string? Filter()
        {
            if (Position >= text.Length || text[Position] != '(')
            {
                return Expected("'('");
            }

            if (++_depth > MaxDepth)
            {
                return "The filter is nested too deeply.";
            }

            Position++;
            var error = Position < text.Length && text[Position] is '&' or '|' or '!' ? Composite() : Item();
            if (error is not null)
            {
                return error;
            }

            if (Position >= text.Length || text[Position] != ')')
            {
                return Position >= text.Length ? "Missing ')' at the end of the filter (unbalanced parentheses)." : Expected("')'");
            }

            Position++;
            _depth--;
            return null;
        }

        private string? Composite()
        {
            var op = text[Position++];
            var count = 0;
            while (Position < text.Length && text[Position] == '(')
            {
                var error = Filter();
                if (error is not null)
                {
                    return error;
                }

                count++;
            }

            return op switch
            {
                '!' when count != 1 => $"'!' negates exactly one filter; found {count} at position {Position + 1}.",
                _ when Position < text.Length && text[Position] != ')' => Expected("'(' or ')'"),
                _ => null,
            };
        }

        private string? Item()
        {
            var start = Position;
            while (Position < text.Length && text[Position] is not ('=' or '~' or '>' or '<' or ':' or '(' or ')'))
            {
                Position++;
            }

            var attribute = text[start..Position];
            if (Position < text.Length && text[Position] == ':')
            {
                return Extensible(attribute);
            }

            if (!AttributeNames.IsValid(attribute))
            {
                return attribute.Length == 0
                    ? $"An attribute name is missing at position {start + 1}."
                    : $"'{attribute}' at position {start + 1} is not a valid attribute name.";
            }

            if (Position >= text.Length || text[Position] is '(' or ')')
            {
                return $"The item '{attribute}' at position {start + 1} has no operator (=, ~=, >= or <=).";
            }

            var substringsAllowed = text[Position] == '=';
            if (text[Position] is '~' or '>' or '<')
            {
                Position++;
                if (Position >= text.Length || text[Position] != '=')
                {
                    return Expected("'='");
                }
            }

            Position++;
            return Value(allowStar: substringsAllowed);
        }

        // attr[:dn][:rule]:=value or [:dn]:rule:=value (RFC 4515 extensible match).
        private string? Extensible(string attribute)
        {
            if (attribute.Length > 0 && !AttributeNames.IsValid(attribute))
            {
                return $"'{attribute}' is not a valid attribute name.";
            }

            while (Position < text.Length && text[Position] == ':')
            {
                Position++;
                if (Position < text.Length && text[Position] == '=')
                {
                    Position++;
                    return Value(allowStar: false);
                }

                var start = Position;
                while (Position < text.Length && text[Position] is not (':' or '=' or '(' or ')'))
                {
                    Position++;
                }

                var part = text[start..Position];
                if (part != "dn" && !AttributeNames.IsValid(part))
                {
                    return $"'{part}' at position {start + 1} is not a valid matching rule.";
                }
            }

            return Expected("':='");
        }

        private string? Value(bool allowStar)
        {
            while (Position < text.Length && text[Position] != ')')
            {
                var c = text[Position];
                if (c == '(')
                {
                    return $"Unescaped '(' in a value at position {Position + 1}; write it as \\28.";
                }

                if (c == '*' && !allowStar)
                {
                    return $"'*' is only allowed with '=' (position {Position + 1}); write a literal * as \\2a.";
                }

                if (c == '\\')
                {
                    if (Position + 2 >= text.Length || !Uri.IsHexDigit(text[Position + 1]) || !Uri.IsHexDigit(text[Position + 2]))
                    {
                        return $"Invalid escape at position {Position + 1}: a backslash must be followed by two hex digits (e.g. \\2a).";
                    }

                    Position += 3;
                    continue;
                }

                if (c == '\0')
                {
                    return $"NUL character in a value at position {Position + 1}.";
                }

                Position++;
            }

            return null;
        }

        private string Expected(string what) =>
            Position >= text.Length
                ? $"Expected {what} at the end of the filter (unbalanced parentheses?)."
                : $"Expected {what} at position {Position + 1}, found '{text[Position]}'.";
    }
}

using System.Globalization;

namespace Platform.Security;

/// <summary>
/// The one spelling of a domain that claims and route values are compared in: IDN in ASCII (punycode), lowercase,
/// without a trailing dot. <c>Bücher.Example</c>, <c>xn--bcher-kva.example</c> and <c>BÜCHER.example.</c> are one domain.
/// </summary>
public static class DomainNames
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>The normalized domain, or null when the value is not a valid domain name.</summary>
    public static string? Normalize(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return null;
        }

        var trimmed = domain.Trim();
        if (trimmed.EndsWith('.'))
        {
            trimmed = trimmed[..^1];
        }

        try
        {
            return Idn.GetAscii(trimmed).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static bool AreSame(string? left, string? right) =>
        Normalize(left) is { } l && Normalize(right) is { } r && string.Equals(l, r, StringComparison.Ordinal);
}

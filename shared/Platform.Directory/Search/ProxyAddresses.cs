namespace Platform.Directory.Search;

/// <summary>Exchange's proxyAddresses: <c>SMTP:primary@x</c>, <c>smtp:alias@x</c>, plus other types (X500:, SIP:, ...).</summary>
public static class ProxyAddresses
{
    /// <summary>
    /// The SMTP addresses among <paramref name="values"/>, lower-cased: the one with the upper-case <c>SMTP:</c> prefix
    /// is the primary (the first, should there be several), every <c>smtp:</c> one an alias. Other address types and
    /// empty values are ignored.
    /// </summary>
    public static (string? Primary, IReadOnlyList<string> Aliases) Parse(IEnumerable<string> values)
    {
        string? primary = null;
        var aliases = new List<string>();
        foreach (var value in values)
        {
            if (value.Length <= 5 || !value.StartsWith("smtp:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var address = value[5..].Trim().ToLowerInvariant();
            if (address.Length == 0)
            {
                continue;
            }

            if (value.StartsWith("SMTP:", StringComparison.Ordinal) && primary is null)
            {
                primary = address;
            }
            else
            {
                aliases.Add(address);
            }
        }

        return (primary, aliases.Distinct(StringComparer.Ordinal).Where(a => a != primary).ToList());
    }

    /// <summary>Whether the attribute is read the proxyAddresses way.</summary>
    internal static bool IsProxyAddresses(string attribute) =>
        string.Equals(attribute, "proxyAddresses", StringComparison.OrdinalIgnoreCase);
}

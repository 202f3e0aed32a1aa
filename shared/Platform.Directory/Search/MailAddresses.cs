using System.Net.Mail;

namespace Platform.Directory.Search;

internal static class MailAddresses
{
    /// <summary>
    /// Whether <paramref name="address"/> is a bare address (local@domain, no display name, no spaces) that mail can be
    /// delivered to; directories hold all sorts of junk in their mail attributes.
    /// </summary>
    public static bool IsValid(string address) =>
        address.Length is > 2 and <= 254
        && !address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';')
        && address.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at == address.LastIndexOf('@') && at < address.Length - 1
        && MailAddress.TryCreate(address, out var parsed)
        && string.Equals(parsed.Address, address, StringComparison.OrdinalIgnoreCase);
}

using System.Net.Mail;

namespace Platform.Security;

/// <summary>
/// An email user's address in the one form the registry keys by: trimmed, lower case, the domain in its ASCII
/// (punycode) form — and in the domain it is added to.
/// </summary>
public static class EmailAddresses
{
    public const string Invalid = "invalid_email";
    public const string OtherDomain = "wrong_domain";

    /// <summary>The normalized address, or a stable error code with a reason an admin can act on.</summary>
    public static (string? Email, string? Error, string? Reason) Normalize(string? input, string domain)
    {
        var trimmed = input?.Trim() ?? "";
        var at = trimmed.LastIndexOf('@');
        if (trimmed.Length is < 3 or > 254 || at <= 0 || at == trimmed.Length - 1)
        {
            return (null, Invalid, "Not an email address: expected local-part@domain.");
        }

        var local = trimmed[..at].ToLowerInvariant();
        if (local.Length > 64 || local.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '@' or '"'))
        {
            return (null, Invalid, "The part before @ has characters an address cannot have, or is longer than 64.");
        }

        if (DomainNames.Normalize(trimmed[(at + 1)..]) is not { } host || host.Contains('@'))
        {
            return (null, Invalid, "The part after @ is not a domain name.");
        }

        var email = $"{local}@{host}";
        if (!MailAddress.TryCreate(email, out var parsed) || !string.Equals(parsed.Address, email, StringComparison.Ordinal))
        {
            return (null, Invalid, "Not an email address: expected local-part@domain.");
        }

        return host == domain ? (email, null, null) : (null, OtherDomain, $"The address is not in {domain}.");
    }

    /// <summary>
    /// The domain and address another service reported, in the registry's form; null when they are not an address in
    /// that domain (such a message is dropped: redelivering it would not make it one).
    /// </summary>
    public static (string Domain, string Email)? FromEvent(string? domain, string? email) =>
        DomainNames.Normalize(domain) is { } host && Normalize(email, host).Email is { } normalized ? (host, normalized) : null;
}

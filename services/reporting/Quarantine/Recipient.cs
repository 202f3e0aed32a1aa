namespace Platform.Reporting.Quarantine;

/// <summary>A recipient's identity as the filter reports it, normalized so one person has one quarantine.</summary>
public static class Recipient
{
    /// <summary>Lower-cased domain and address; throws <see cref="ArgumentException"/> (no retry) when they do not fit.</summary>
    public static (string Domain, string Email) Normalize(string domain, string email)
    {
        var normalizedEmail = email.Trim().ToLowerInvariant();
        var normalizedDomain = domain.Trim().TrimEnd('.').ToLowerInvariant();
        var at = normalizedEmail.LastIndexOf('@');
        if (at <= 0 || at == normalizedEmail.Length - 1)
        {
            throw new ArgumentException($"'{email}' is not an email address.", nameof(email));
        }

        if (normalizedEmail[(at + 1)..] != normalizedDomain)
        {
            throw new ArgumentException($"'{email}' is not an address of the domain '{domain}'.", nameof(domain));
        }

        return (normalizedDomain, normalizedEmail);
    }
}

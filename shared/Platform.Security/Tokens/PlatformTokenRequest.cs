namespace Platform.Security.Tokens;

/// <summary>Who a token is for and what it allows.</summary>
/// <param name="Subject">The stable user id (<c>sub</c>).</param>
/// <param name="Roles">One or more of <see cref="PlatformRoles"/>.</param>
public sealed record PlatformTokenRequest(string Subject, IReadOnlyCollection<string> Roles)
{
    /// <summary>The domains a domain-admin administers, or the email user's domain.</summary>
    public IReadOnlyCollection<string> Domains { get; init; } = [];

    public string? Email { get; init; }

    /// <summary>How the user authenticated (<c>amr</c>), e.g. <c>pwd</c>, <c>otp</c>.</summary>
    public IReadOnlyCollection<string> AuthenticationMethods { get; init; } = [];

    /// <summary>The login session the token belongs to (<c>sid</c>), for asking auth whether it still goes on; none for a token without one.</summary>
    public string? SessionId { get; init; }

    public static PlatformTokenRequest PlatformAdmin(string subject) => new(subject, [PlatformRoles.PlatformAdmin]);

    public static PlatformTokenRequest DomainAdmin(string subject, params string[] domains) =>
        new(subject, [PlatformRoles.DomainAdmin]) { Domains = domains };

    /// <summary>An email user, whose domain is the one of their address.</summary>
    public static PlatformTokenRequest EmailUser(string subject, string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1)
        {
            throw new ArgumentException("Not an email address.", nameof(email));
        }

        return new PlatformTokenRequest(subject, [PlatformRoles.EmailUser]) { Email = email, Domains = [email[(at + 1)..]] };
    }
}

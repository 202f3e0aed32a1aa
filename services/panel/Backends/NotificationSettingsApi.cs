namespace Platform.Panel.Backends;

/// <summary>
/// notifications' API for a domain's admins: the domain's settings (<c>GET/PUT /v1/domains/{domain}/notifications</c>)
/// and what was sent to one user (<c>GET …/users/{email}/notifications</c>).
/// </summary>
public sealed class NotificationSettingsApi(HttpClient http)
{
    public Task<ApiAnswer<NotificationSettingsView>> GetAsync(string token, string domain, CancellationToken cancellationToken) =>
        http.SendAsync<NotificationSettingsView>(HttpMethod.Get, PathOf(domain, "/notifications"), null, token, cancellationToken);

    public Task<ApiAnswer<NotificationSettingsView>> SaveAsync(string token, string domain, NotificationSettings settings, CancellationToken cancellationToken) =>
        http.SendAsync<NotificationSettingsView>(HttpMethod.Put, PathOf(domain, "/notifications"), settings, token, cancellationToken);

    public Task<ApiAnswer<MailHistory>> SentToAsync(string token, string domain, string email, CancellationToken cancellationToken) =>
        http.SendAsync<MailHistory>(HttpMethod.Get, PathOf(domain, $"/users/{Uri.EscapeDataString(email)}/notifications"), null, token, cancellationToken);

    private static string PathOf(string domain, string rest) => $"/v1/domains/{Uri.EscapeDataString(domain)}{rest}";
}

/// <summary>
/// Whether users are welcomed (and directory users at their first spam), the mails' sender and language, and their
/// branding: the organisation's name, a plain-text footer, an accent colour (#rrggbb); notifications validates them all.
/// </summary>
public sealed record NotificationSettings(
    bool? WelcomeEnabled, bool? WelcomeDirectoryUsers, string? SenderName, string? SenderAddress, string? Language,
    string? OrganisationName = null, string? Footer = null, string? AccentColor = null);

/// <summary>The settings, and whether the domain saved any (else they are the defaults).</summary>
public sealed record NotificationSettingsView(NotificationSettings Settings, bool Saved);


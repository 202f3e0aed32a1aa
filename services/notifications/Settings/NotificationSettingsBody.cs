using System.Globalization;
using Platform.Notifications.Mail;
using Platform.Security;

namespace Platform.Notifications.Settings;

/// <summary>A refused field: its stable code (RFC 7807 <c>codes</c>) and what to change (<c>errors</c>).</summary>
public sealed record FieldProblem(string Code, string Message);

/// <summary>What <c>GET/PUT /v1/domains/{domain}/notifications</c> carries; omitted fields keep their default.</summary>
public sealed record NotificationSettingsBody(
    bool? WelcomeEnabled, bool? WelcomeDirectoryUsers, string? SenderName, string? SenderAddress, string? Language,
    string? OrganisationName = null, string? Footer = null, string? AccentColor = null)
{
    public const int MaxOrganisationName = 100;
    public const int MaxFooter = 500;

    public static NotificationSettingsBody From(NotificationSettings s) => new(
        s.WelcomeEnabled, s.WelcomeDirectoryUsers, s.SenderName, s.SenderAddress, s.Language,
        s.Branding?.OrganisationName, s.Branding?.Footer, s.Branding?.AccentColor);

    /// <param name="defaults">What an omitted field takes.</param>
    /// <param name="domain">The domain the settings are for: its own sender addresses are its own or its subdomains'.</param>
    /// <param name="platformSenders">The platform-wide senders any domain may use (the default sender among them).</param>
    public (NotificationSettings? Settings, Dictionary<string, FieldProblem> Errors) Validate(
        NotificationSettings defaults, string domain, IReadOnlyCollection<string> platformSenders)
    {
        var errors = new Dictionary<string, FieldProblem>(StringComparer.Ordinal);
        var name = SenderName?.Trim() ?? defaults.SenderName;
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            errors["senderName"] = new("invalid_sender_name", "Must be 1 to 100 characters, without line breaks.");
        }

        var address = SenderAddress?.Trim() ?? defaults.SenderAddress;
        var at = address.LastIndexOf('@');
        var sender = at > 0 && DomainNames.Normalize(address[(at + 1)..]) is { } host ? EmailAddresses.Normalize(address, host).Email : null;
        if (sender is null)
        {
            errors["senderAddress"] = new("invalid_sender_address", "Must be an email address, e.g. quarantine@example.com.");
        }
        else if (!SenderBelongs(sender, domain, platformSenders))
        {
            // Mail in another domain's name would fail its SPF/DMARC, or worse, pass as that domain's.
            errors["senderAddress"] = new("sender_not_allowed",
                $"Must be an address of {domain} (or a subdomain), or one of the platform's senders: {string.Join(", ", platformSenders)}.");
        }

        var language = Language?.Trim().ToLowerInvariant() ?? defaults.Language;
        if (!NotificationSettings.Languages.Contains(language))
        {
            errors["language"] = new("invalid_language", $"Must be one of {string.Join(", ", NotificationSettings.Languages)}.");
        }

        var branding = ValidateBranding(errors);
        return errors.Count > 0
            ? (null, errors)
            : (new NotificationSettings(WelcomeEnabled ?? defaults.WelcomeEnabled, WelcomeDirectoryUsers ?? defaults.WelcomeDirectoryUsers, name, sender!,
                language, branding), errors);
    }

    /// <summary>The branding, each field optional (empty is none); refusals go into <paramref name="errors"/>.</summary>
    private MailBranding? ValidateBranding(Dictionary<string, FieldProblem> errors)
    {
        var organisation = Blank(OrganisationName?.Trim());
        if (organisation is not null && (organisation.Length > MaxOrganisationName || organisation.Any(Unprintable)))
        {
            // It goes into the subject: one line, no control or invisible formatting characters (MimeKit encodes the rest).
            errors["organisationName"] = new("invalid_organisation_name",
                $"Must be at most {MaxOrganisationName} characters, on one line, without control characters.");
        }

        var footer = Blank(Footer?.Trim().ReplaceLineEndings("\n"));
        if (footer is not null && footer.Length > MaxFooter)
        {
            errors["footer"] = new("footer_too_long", $"Must be at most {MaxFooter} characters.");
        }
        else if (footer is not null && footer.Any(c => c != '\n' && Unprintable(c)))
        {
            errors["footer"] = new("invalid_footer", "Must be plain text: line breaks are fine, other control characters are not.");
        }

        var accent = Blank(AccentColor?.Trim().ToLowerInvariant());
        if (accent is not null && !MailBranding.IsColor(accent))
        {
            errors["accentColor"] = new("invalid_accent_color", "Must be a colour as #rrggbb, e.g. #1a5fb4.");
        }

        return organisation is null && footer is null && accent is null ? null : new MailBranding(organisation, footer, accent);
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // Control characters (CR, LF, NUL, …) and invisible format characters (bidirectional overrides that reorder what a reader sees).
    private static bool Unprintable(char c) => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format;

    /// <summary>Whether <paramref name="sender"/> (normalized) is the domain's own or a platform-wide sender. Pure.</summary>
    public static bool SenderBelongs(string sender, string domain, IReadOnlyCollection<string> platformSenders)
    {
        var host = sender[(sender.LastIndexOf('@') + 1)..];
        return host == domain || host.EndsWith("." + domain, StringComparison.Ordinal)
            || platformSenders.Contains(sender, StringComparer.OrdinalIgnoreCase);
    }
}

using System.Globalization;
using Platform.Notifications.Mail;
using Platform.Security;
using Platform.ServiceDefaults.Http;
using static Platform.Notifications.Settings.NotificationSettingsFieldCodes;

namespace Platform.Notifications.Settings;

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
    public (NotificationSettings? Settings, List<FieldProblem> Errors) Validate(
        NotificationSettings defaults, string domain, IReadOnlyCollection<string> platformSenders)
    {
        var errors = new List<FieldProblem>();
        var name = SenderName?.Trim() ?? defaults.SenderName;
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            errors.Add(new("senderName", InvalidSenderName, "Must be 1 to 100 characters, without line breaks."));
        }

        var address = SenderAddress?.Trim() ?? defaults.SenderAddress;
        var at = address.LastIndexOf('@');
        var sender = at > 0 && DomainNames.Normalize(address[(at + 1)..]) is { } host ? EmailAddresses.Normalize(address, host).Email : null;
        if (sender is null)
        {
            errors.Add(new("senderAddress", InvalidSenderAddress, "Must be an email address, e.g. quarantine@example.com."));
        }
        else if (!SenderBelongs(sender, domain, platformSenders))
        {
            // Mail in another domain's name would fail its SPF/DMARC, or worse, pass as that domain's.
            errors.Add(new("senderAddress", SenderNotAllowed,
                $"Must be an address of {domain} (or a subdomain), or one of the platform's senders: {string.Join(", ", platformSenders)}."));
        }

        var language = Language?.Trim().ToLowerInvariant() ?? defaults.Language;
        if (!NotificationSettings.Languages.Contains(language))
        {
            errors.Add(new("language", InvalidLanguage, $"Must be one of {string.Join(", ", NotificationSettings.Languages)}."));
        }

        var branding = ValidateBranding(errors);
        return errors.Count > 0
            ? (null, errors)
            : (new NotificationSettings(WelcomeEnabled ?? defaults.WelcomeEnabled, WelcomeDirectoryUsers ?? defaults.WelcomeDirectoryUsers, name, sender!,
                language, branding), errors);
    }

    /// <summary>The branding, each field optional (empty is none); refusals go into <paramref name="errors"/>.</summary>
    private MailBranding? ValidateBranding(List<FieldProblem> errors)
    {
        var organisation = Blank(OrganisationName?.Trim());
        if (organisation is not null && (organisation.Length > MaxOrganisationName || organisation.Any(Unprintable)))
        {
            // It goes into the subject: one line, no control or invisible formatting characters (MimeKit encodes the rest).
            errors.Add(new("organisationName", InvalidOrganisationName,
                $"Must be at most {MaxOrganisationName} characters, on one line, without control characters."));
        }

        var footer = Blank(Footer?.Trim().ReplaceLineEndings("\n"));
        if (footer is not null && footer.Length > MaxFooter)
        {
            errors.Add(new("footer", FooterTooLong, $"Must be at most {MaxFooter} characters."));
        }
        else if (footer is not null && footer.Any(c => c != '\n' && Unprintable(c)))
        {
            errors.Add(new("footer", InvalidFooter, "Must be plain text: line breaks are fine, other control characters are not."));
        }

        var accent = Blank(AccentColor?.Trim().ToLowerInvariant());
        if (accent is not null && !MailBranding.IsColor(accent))
        {
            errors.Add(new("accentColor", InvalidAccentColor, "Must be a colour as #rrggbb, e.g. #1a5fb4."));
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

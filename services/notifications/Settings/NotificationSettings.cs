using Platform.Security;

namespace Platform.Notifications.Settings;

/// <summary>A domain's notification settings: whether users are welcomed, and how the mail looks.</summary>
public sealed record NotificationSettings(bool WelcomeEnabled, bool WelcomeDirectoryUsers, string SenderName, string SenderAddress, string Language)
{
    public static readonly IReadOnlyList<string> Languages = ["en", "de"];

    /// <summary>A domain that saved nothing: welcomes on, directory users welcomed at their first spam, English.</summary>
    public static NotificationSettings Defaults(string defaultSender) => new(true, false, "Spam Quarantine", defaultSender, "en");
}

/// <summary>What may happen in a domain's settings stream <c>notification-settings/{domain}</c>.</summary>
public abstract record NotificationSettingsEvent;

/// <summary>The domain's notification settings were saved (notifications' own event).</summary>
public sealed record NotificationSettingsSaved(string Domain, NotificationSettings Settings, string Actor, DateTimeOffset At) : NotificationSettingsEvent;

/// <summary>What <c>GET/PUT /v1/domains/{domain}/notifications</c> carries; omitted fields keep their default.</summary>
public sealed record NotificationSettingsBody(bool? WelcomeEnabled, bool? WelcomeDirectoryUsers, string? SenderName, string? SenderAddress, string? Language)
{
    public static NotificationSettingsBody From(NotificationSettings s) => new(s.WelcomeEnabled, s.WelcomeDirectoryUsers, s.SenderName, s.SenderAddress, s.Language);

    /// <param name="defaults">What an omitted field takes.</param>
    /// <param name="domain">The domain the settings are for: its own sender addresses are its own or its subdomains'.</param>
    /// <param name="platformSenders">The platform-wide senders any domain may use (the default sender among them).</param>
    public (NotificationSettings? Settings, Dictionary<string, string[]> Errors) Validate(
        NotificationSettings defaults, string domain, IReadOnlyCollection<string> platformSenders)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = SenderName?.Trim() ?? defaults.SenderName;
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            errors["senderName"] = ["Must be 1 to 100 characters, without line breaks."];
        }

        var address = SenderAddress?.Trim() ?? defaults.SenderAddress;
        var at = address.LastIndexOf('@');
        var sender = at > 0 && DomainNames.Normalize(address[(at + 1)..]) is { } host ? EmailAddresses.Normalize(address, host).Email : null;
        if (sender is null)
        {
            errors["senderAddress"] = ["Must be an email address, e.g. quarantine@example.com."];
        }
        else if (!SenderBelongs(sender, domain, platformSenders))
        {
            // Mail in another domain's name would fail its SPF/DMARC, or worse, pass as that domain's.
            errors["senderAddress"] = [$"Must be an address of {domain} (or a subdomain), or one of the platform's senders: {string.Join(", ", platformSenders)}."];
        }

        var language = Language?.Trim().ToLowerInvariant() ?? defaults.Language;
        if (!NotificationSettings.Languages.Contains(language))
        {
            errors["language"] = [$"Must be one of {string.Join(", ", NotificationSettings.Languages)}."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new NotificationSettings(WelcomeEnabled ?? defaults.WelcomeEnabled, WelcomeDirectoryUsers ?? defaults.WelcomeDirectoryUsers, name, sender!, language),
                errors);
    }

    /// <summary>Whether <paramref name="sender"/> (normalized) is the domain's own or a platform-wide sender. Pure.</summary>
    public static bool SenderBelongs(string sender, string domain, IReadOnlyCollection<string> platformSenders)
    {
        var host = sender[(sender.LastIndexOf('@') + 1)..];
        return host == domain || host.EndsWith("." + domain, StringComparison.Ordinal)
            || platformSenders.Contains(sender, StringComparer.OrdinalIgnoreCase);
    }
}

using Platform.Notifications.Mail;

namespace Platform.Notifications.Settings;

/// <summary>
/// A domain's notification settings: whether users are welcomed, and how the mail looks. <see cref="Branding"/> came
/// later (issue 20): settings saved before it load without (null), and their mails are unbranded.
/// </summary>
public sealed record NotificationSettings(
    bool WelcomeEnabled, bool WelcomeDirectoryUsers, string SenderName, string SenderAddress, string Language, MailBranding? Branding = null)
{
    public static readonly IReadOnlyList<string> Languages = ["en", "de"];

    /// <summary>A domain that saved nothing: welcomes on, directory users welcomed at their first spam, English.</summary>
    public static NotificationSettings Defaults(string defaultSender) => new(true, false, "Spam Quarantine", defaultSender, "en");
}

/// <summary>What may happen in a domain's settings stream <c>notification-settings/{domain}</c>.</summary>
public abstract record NotificationSettingsEvent;

/// <summary>The domain's notification settings were saved (notifications' own event).</summary>
public sealed record NotificationSettingsSaved(string Domain, NotificationSettings Settings, string Actor, DateTimeOffset At) : NotificationSettingsEvent;

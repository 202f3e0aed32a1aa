namespace Platform.Notifications.Settings;

/// <summary>
/// The stable code of each refused field of <c>PUT …/notifications</c> (<c>codes</c> beside <c>errors</c>). The panel
/// has words for each in English and German; its tests read this class, so a new code without words fails them.
/// </summary>
public static class NotificationSettingsFieldCodes
{
    public const string InvalidSenderName = "invalid_sender_name";
    public const string InvalidSenderAddress = "invalid_sender_address";
    public const string SenderNotAllowed = "sender_not_allowed";
    public const string InvalidLanguage = "invalid_language";
    public const string InvalidOrganisationName = "invalid_organisation_name";
    public const string FooterTooLong = "footer_too_long";
    public const string InvalidFooter = "invalid_footer";
    public const string InvalidAccentColor = "invalid_accent_color";
}

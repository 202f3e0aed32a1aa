using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin.Settings;

/// <summary>
/// The settings forms' refused fields in words, one per stable code the services send in <c>codes</c>: recipient
/// verification (directory-sync's <c>CalloutFieldCodes</c>), report defaults (reporting's <c>ReportingSettingsFieldCodes</c>)
/// and notifications (notifications' <c>NotificationSettingsFieldCodes</c>).
/// </summary>
public static class SettingsFieldWords
{
    public const string Recipients = "Settings.Recipients.Field.";
    public const string Reports = "Settings.Reports.Field.";
    public const string Notifications = "Settings.Notifications.Field.";

    public static readonly Words Set = new(
        English: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Recipients + "invalid_callout_host"] = "Enter the mail server's host name or IP address.",
            [Recipients + "invalid_callout_port"] = "The port is from 1 to 65535 (usually 25).",
            [Recipients + "destination_not_allowed"] = "The platform does not connect to this server: it is, or resolves to, a loopback, link-local or private address, or one of the platform's own services.",
            [Reports + "invalid_frequency"] = "Choose daily, weekly or off.",
            [Reports + "invalid_report_hour"] = "An hour from 0 to 23, in the time zone below.",
            [Reports + "invalid_time_zone"] = "That is not a time zone: use an IANA name such as Europe/Berlin or UTC.",
            [Reports + "invalid_weekly_day"] = "Choose a day of the week.",
            [Reports + "invalid_retention"] = "From 1 to 365 days.",
            [Notifications + "invalid_sender_name"] = "1 to 100 characters, without line breaks.",
            [Notifications + "invalid_sender_address"] = "That is not an email address: e.g. quarantine@example.com.",
            [Notifications + "sender_not_allowed"] = "Use an address of this domain (or of a subdomain), or one of the platform's senders: mail in another domain's name would fail its checks.",
            [Notifications + "invalid_language"] = "Choose English or Deutsch.",
            [Notifications + "invalid_organisation_name"] = "At most 100 characters, on one line, without control characters.",
            [Notifications + "footer_too_long"] = "At most 500 characters.",
            [Notifications + "invalid_footer"] = "Plain text only: line breaks are fine, other control characters are not.",
            [Notifications + "invalid_accent_color"] = "A colour as #rrggbb, e.g. #1a5fb4.",
        },
        German: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Recipients + "invalid_callout_host"] = "Geben Sie den Hostnamen oder die IP-Adresse des Mailservers ein.",
            [Recipients + "invalid_callout_port"] = "Der Port liegt zwischen 1 und 65535 (meist 25).",
            [Recipients + "destination_not_allowed"] = "Mit diesem Server verbindet sich die Plattform nicht: Er ist oder ergibt eine Loopback-, Link-local- oder private Adresse oder einen Dienst der Plattform selbst.",
            [Reports + "invalid_frequency"] = "Wählen Sie täglich, wöchentlich oder aus.",
            [Reports + "invalid_report_hour"] = "Eine Stunde von 0 bis 23, in der Zeitzone darunter.",
            [Reports + "invalid_time_zone"] = "Das ist keine Zeitzone: Verwenden Sie einen IANA-Namen wie Europe/Berlin oder UTC.",
            [Reports + "invalid_weekly_day"] = "Wählen Sie einen Wochentag.",
            [Reports + "invalid_retention"] = "1 bis 365 Tage.",
            [Notifications + "invalid_sender_name"] = "1 bis 100 Zeichen, ohne Zeilenumbrüche.",
            [Notifications + "invalid_sender_address"] = "Das ist keine E-Mail-Adresse: z. B. quarantine@example.com.",
            [Notifications + "sender_not_allowed"] = "Verwenden Sie eine Adresse dieser Domain (oder einer Subdomain) oder einen der Absender der Plattform: E-Mails im Namen einer anderen Domain fielen bei deren Prüfungen durch.",
            [Notifications + "invalid_language"] = "Wählen Sie English oder Deutsch.",
            [Notifications + "invalid_organisation_name"] = "Höchstens 100 Zeichen, in einer Zeile, ohne Steuerzeichen.",
            [Notifications + "footer_too_long"] = "Höchstens 500 Zeichen.",
            [Notifications + "invalid_footer"] = "Nur einfacher Text: Zeilenumbrüche sind erlaubt, andere Steuerzeichen nicht.",
            [Notifications + "invalid_accent_color"] = "Eine Farbe als #rrggbb, z. B. #1a5fb4.",
        });
}

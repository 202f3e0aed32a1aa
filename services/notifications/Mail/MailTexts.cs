using System.Globalization;

namespace Platform.Notifications.Mail;

/// <summary>The words of the platform's mail, per language (en, de); anything else falls back to English.</summary>
public sealed record MailTexts(
    string WelcomeSubject,
    string Greeting,
    string WelcomeIntro,
    string WelcomeLink,
    string WelcomeAfter,
    string ReportSubject,
    string ReportIntro,
    string ReportEmpty,
    string ReportMore,
    string ReportLink,
    string ColumnDate,
    string ColumnSender,
    string ColumnSubject,
    string ColumnScore,
    string DateFormat,
    CultureInfo Culture,
    string WelcomeSubjectAt,
    string ReportSubjectAt)
{
    public static readonly MailTexts English = new(
        "Your spam quarantine is active",
        "Hello,",
        "messages to {0} that our filter identifies as spam are now held in your personal quarantine instead of reaching your inbox. You can look through them, release what you want after all, and choose how often you get a summary.",
        "Open your quarantine (this link logs you in once and is valid until {0}):",
        "Afterwards, log in with your usual email address and password.",
        "Spam quarantine: {0} new message(s)",
        "{0} message(s) to {1} were held as spam between {2} and {3} ({4}).",
        "No messages were held for {0} between {1} and {2} ({3}).",
        "… and {0} more in your quarantine.",
        "Review or release them (this link logs you in once and is valid until {0}):",
        "Date", "Sender", "Subject", "Score",
        "yyyy-MM-dd HH:mm",
        CultureInfo.GetCultureInfo("en-GB"),
        "Your spam quarantine at {0} is active",
        "Spam quarantine at {1}: {0} new message(s)");

    public static readonly MailTexts German = new(
        "Ihre Spam-Quarantäne ist aktiv",
        "Guten Tag,",
        "Nachrichten an {0}, die unser Filter als Spam erkennt, landen ab jetzt in Ihrer persönlichen Quarantäne statt in Ihrem Posteingang. Dort können Sie sie ansehen, doch gewünschte Nachrichten freigeben und festlegen, wie oft Sie eine Übersicht erhalten.",
        "Quarantäne öffnen (dieser Link meldet Sie einmalig an und gilt bis {0}):",
        "Danach melden Sie sich mit Ihrer gewohnten E-Mail-Adresse und Ihrem Passwort an.",
        "Spam-Quarantäne: {0} neue Nachricht(en)",
        "{0} Nachricht(en) an {1} wurden zwischen {2} und {3} ({4}) als Spam zurückgehalten.",
        "Zwischen {1} und {2} ({3}) wurden keine Nachrichten an {0} zurückgehalten.",
        "… und {0} weitere in Ihrer Quarantäne.",
        "Ansehen oder freigeben (dieser Link meldet Sie einmalig an und gilt bis {0}):",
        "Datum", "Absender", "Betreff", "Wertung",
        "dd.MM.yyyy HH:mm",
        CultureInfo.GetCultureInfo("de-DE"),
        "Ihre Spam-Quarantäne bei {0} ist aktiv",
        "Spam-Quarantäne bei {1}: {0} neue Nachricht(en)");

    public static MailTexts For(string language) => language == "de" ? German : English;

    public string Format(string template, params object[] values) => string.Format(Culture, template, values);

    public string Date(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString(DateFormat, Culture);
}

using Platform.Notifications.Delivery;
using Platform.Notifications.Mail;
using static Platform.Notifications.Mail.MailBranding;

namespace Platform.Notifications.Welcome;

/// <summary>The welcome message: the quarantine is active, with a login link. Pure.</summary>
public static class WelcomeMail
{
    public static MailContent Render(NotificationQueued mail, string link, DateTimeOffset linkExpires)
    {
        var t = MailTexts.For(mail.Language);
        var expires = t.Date(linkExpires, TimeZoneInfo.Utc) + " UTC";
        var intro = t.Format(t.WelcomeIntro, mail.Email);
        var linkLine = t.Format(t.WelcomeLink, expires);
        var brand = mail.Branding;
        var subject = MailBranding.Subject(brand, t, t.WelcomeSubject, t.WelcomeSubjectAt);
        var text = $"{t.Greeting}\n\n{intro}\n\n{linkLine}\n{link}\n\n{t.WelcomeAfter}\n\n{TextSignature(brand, mail.SenderName)}";
        var html = $"""
            <!DOCTYPE html>
            <html lang="{mail.Language}"><head><meta charset="utf-8"><title>{Html(subject)}</title></head>
            <body style="font-family: sans-serif">
            {HtmlHeading(brand, subject)}<p>{Html(t.Greeting)}</p>
            <p>{Html(intro)}</p>
            <p>{Html(linkLine)}<br>{HtmlLink(brand, link)}</p>
            <p>{Html(t.WelcomeAfter)}</p>
            {HtmlSignature(brand, mail.SenderName)}
            </body></html>
            """;
        return new MailContent(subject, text, html);
    }
}

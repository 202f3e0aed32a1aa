using System.Net;
using Platform.Notifications.Delivery;
using Platform.Notifications.Mail;

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
        var text = $"{t.Greeting}\n\n{intro}\n\n{linkLine}\n{link}\n\n{t.WelcomeAfter}\n\n-- \n{mail.SenderName}\n";
        var html = $"""
            <!DOCTYPE html>
            <html lang="{mail.Language}"><head><meta charset="utf-8"><title>{Html(t.WelcomeSubject)}</title></head>
            <body style="font-family: sans-serif">
            <p>{Html(t.Greeting)}</p>
            <p>{Html(intro)}</p>
            <p>{Html(linkLine)}<br><a href="{Html(link)}">{Html(link)}</a></p>
            <p>{Html(t.WelcomeAfter)}</p>
            <p>{Html(mail.SenderName)}</p>
            </body></html>
            """;
        return new MailContent(t.WelcomeSubject, text, html);
    }

    internal static string Html(string value) => WebUtility.HtmlEncode(value);
}

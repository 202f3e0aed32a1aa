using System.Globalization;
using System.Text;
using Platform.Contracts;
using Platform.Notifications.Delivery;
using Platform.Notifications.Mail;
using static Platform.Notifications.Mail.MailBranding;

namespace Platform.Notifications.Reports;

/// <summary>The periodic quarantine report: the period in the user's time zone, totals, the newest entries, a login link. Pure.</summary>
public static class ReportMail
{
    public static MailContent Render(NotificationQueued mail, PeriodicReportReady report, string link, DateTimeOffset linkExpires)
    {
        var t = MailTexts.For(mail.Language);
        var brand = mail.Branding;
        var subject = MailBranding.Subject(brand, t, t.ReportSubject, t.ReportSubjectAt, report.TotalMessages);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(report.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var (start, end) = (t.Date(report.PeriodStart, zone), t.Date(report.PeriodEnd, zone));
        var summary = report.TotalMessages == 0
            ? t.Format(t.ReportEmpty, mail.Email, start, end, report.TimeZone)
            : t.Format(t.ReportIntro, report.TotalMessages, mail.Email, start, end, report.TimeZone);
        var more = report.TotalMessages > report.Entries.Count ? t.Format(t.ReportMore, report.TotalMessages - report.Entries.Count) : null;
        var linkLine = t.Format(t.ReportLink, t.Date(linkExpires, TimeZoneInfo.Utc) + " UTC");

        var text = new StringBuilder().Append(t.Greeting).Append("\n\n").Append(summary).Append("\n\n");
        var rows = new StringBuilder();
        foreach (var entry in report.Entries)
        {
            var (date, score) = (t.Date(entry.ReceivedAt, zone), entry.Score.ToString("0.0", t.Culture));
            text.Append(date).Append("  ").Append(entry.Sender).Append("  ").Append(entry.Subject).Append("  (").Append(score).Append(")\n");
            rows.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html(date)}</td><td>{Html(entry.Sender)}</td><td>{Html(entry.Subject)}</td><td>{Html(score)}</td></tr>\n");
        }

        if (more is not null)
        {
            text.Append(more).Append('\n');
        }

        text.Append('\n').Append(linkLine).Append('\n').Append(link).Append("\n\n").Append(TextSignature(brand, mail.SenderName));
        var table = report.Entries.Count == 0 ? "" : $"""
            <table style="border-collapse: collapse" cellpadding="4">
            <tr><th align="left">{Html(t.ColumnDate)}</th><th align="left">{Html(t.ColumnSender)}</th><th align="left">{Html(t.ColumnSubject)}</th><th align="left">{Html(t.ColumnScore)}</th></tr>
            {rows}</table>
            """;
        var html = $"""
            <!DOCTYPE html>
            <html lang="{mail.Language}"><head><meta charset="utf-8"><title>{Html(subject)}</title></head>
            <body style="font-family: sans-serif">
            {HtmlHeading(brand, subject)}<p>{Html(t.Greeting)}</p>
            <p>{Html(summary)}</p>
            {table}
            {(more is null ? "" : $"<p>{Html(more)}</p>")}
            <p>{Html(linkLine)}<br>{HtmlLink(brand, link)}</p>
            {HtmlSignature(brand, mail.SenderName)}
            </body></html>
            """;
        return new MailContent(subject, text.ToString(), html);
    }
}

using Platform.Contracts;
using Platform.Notifications.Delivery;
using Platform.Notifications.Mail;
using Platform.Notifications.Reports;
using Platform.Notifications.Welcome;
using Xunit;

namespace Platform.Notifications.Tests.Mail;

public sealed class Branding_the_mail
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);
    private const string Link = "http://127.0.0.1:8081/login/link?token=abc";
    private static readonly MailBranding Brand = new("Beispiel & Söhne", "Beispiel GmbH, Hauptstraße 1\n<script>alert(1)</script>", "#1a5fb4");

    [Fact]
    public void Welcomes_with_the_organisation_in_subject_heading_and_signature_the_footer_as_text_and_the_accent_colour()
    {
        var english = WelcomeMail.Render(Queued("en", Brand), Link, At.AddDays(7));
        var german = WelcomeMail.Render(Queued("de", Brand), Link, At.AddDays(7));

        Assert.Equal("Your spam quarantine at Beispiel & Söhne is active", english.Subject);
        Assert.Equal("Ihre Spam-Quarantäne bei Beispiel & Söhne ist aktiv", german.Subject);
        Assert.EndsWith("-- \nQuarantäne\nBeispiel & Söhne\n\nBeispiel GmbH, Hauptstraße 1\n<script>alert(1)</script>\n", english.Text, StringComparison.Ordinal);
        Assert.Contains("<h1 style=\"font-size: 1.3em; color: #1a5fb4\">Beispiel &amp; S&#246;hne</h1>", english.Html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{Link}\" style=\"color: #1a5fb4; font-weight: bold\">", english.Html, StringComparison.Ordinal);
        Assert.Contains("Beispiel GmbH, Hauptstra&#223;e 1<br>&lt;script&gt;alert(1)&lt;/script&gt;</p>", english.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", english.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Brands_the_report_as_the_welcome()
    {
        var report = new PeriodicReportReady
        {
            EventId = Guid.NewGuid(), OccurredAt = At, Domain = "example.com", Email = "anna@example.com", ReportId = "r-1",
            Frequency = ReportFrequencies.Daily, PeriodStart = At.AddDays(-1), PeriodEnd = At, TimeZone = "UTC", TotalMessages = 0, Entries = [],
        };

        var mail = ReportMail.Render(Queued("en", Brand), report, Link, At.AddDays(7));

        Assert.Equal("Spam quarantine at Beispiel & Söhne: 0 new message(s)", mail.Subject);
        Assert.Contains("&lt;script&gt;", mail.Html, StringComparison.Ordinal);
        Assert.Contains("color: #1a5fb4", mail.Html, StringComparison.Ordinal);
        Assert.Contains("Beispiel & Söhne\n\nBeispiel GmbH", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_a_mail_without_branding_as_it_was()
    {
        var mail = WelcomeMail.Render(Queued("en", null), Link, At.AddDays(7));

        Assert.Equal("Your spam quarantine is active", mail.Subject);
        Assert.EndsWith("Afterwards, log in with your usual email address and password.\n\n-- \nQuarantäne\n", mail.Text, StringComparison.Ordinal);
        Assert.Equal($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Your spam quarantine is active</title></head>
            <body style="font-family: sans-serif">
            <p>Hello,</p>
            <p>messages to anna@example.com that our filter identifies as spam are now held in your personal quarantine instead of reaching your inbox. You can look through them, release what you want after all, and choose how often you get a summary.</p>
            <p>Open your quarantine (this link logs you in once and is valid until 2026-12-01 06:00 UTC):<br><a href="{Link}">{Link}</a></p>
            <p>Afterwards, log in with your usual email address and password.</p>
            <p>Quarant&#228;ne</p>
            </body></html>
            """, mail.Html);
    }

    [Fact]
    public void Never_puts_a_colour_it_would_not_have_taken_into_a_style()
    {
        var mail = WelcomeMail.Render(Queued("en", new MailBranding(null, null, "red\" onclick=\"x")), Link, At.AddDays(7));

        Assert.DoesNotContain("onclick", mail.Html, StringComparison.Ordinal);
    }

    private static NotificationQueued Queued(string language, MailBranding? branding) => new(
        "welcome/example.com/anna@example.com", NotificationKinds.Welcome, "example.com", "anna@example.com", "<welcome.x@example.com>", language,
        "Quarantäne", "quarantine@example.com", At, Branding: branding);
}

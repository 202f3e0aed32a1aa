using System.Text;
using MimeKit;
using Platform.Contracts;
using Platform.Notifications.Delivery;
using Platform.Notifications.Mail;
using Platform.Notifications.Reports;
using Platform.Notifications.Welcome;
using Platform.Testing;
using Xunit;

namespace Platform.Notifications.Tests.Mail;

public sealed class Building_mail
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);
    private const string Link = "http://127.0.0.1:8081/login/link?token=abc<&>";

    [Fact]
    public void Writes_a_multipart_message_whose_headers_and_parts_read_back_exactly()
    {
        var content = new MailContent("Ihre Spam-Quarantäne ist aktiv — jetzt prüfen, bevor etwas Wichtiges verloren geht", "Grüße\n.dot line\n", "<p>Grüße</p>");

        using var message = MailMessages.Build("Müller & Söhne", "quarantine@example.com", "anna@example.com", content, "<welcome.1@example.com>", At);
        var bytes = Wire(message);

        var raw = Encoding.ASCII.GetString(bytes);
        Assert.True(bytes.All(b => b < 128), "only ASCII on the wire");
        Assert.DoesNotContain("\n", raw.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(raw.Split("\r\n"), line => Assert.True(line.Length <= 78, line));
        var mail = SinkMail.Parse("x.eml", "quarantine@example.com", ["anna@example.com"], raw);
        Assert.Equal(content.Subject, mail.Subject);
        Assert.Equal("Müller & Söhne <quarantine@example.com>", mail.Headers["From"]);
        Assert.Equal(("<welcome.1@example.com>", "Tue, 24 Nov 2026 06:00:00 +0000", "auto-generated"),
            (mail.MessageId, mail.Headers["Date"], mail.Headers["Auto-Submitted"]));
        Assert.Equal("Grüße\r\n.dot line\r\n", mail.Text);
        Assert.Equal("<p>Grüße</p>", mail.Html);
    }

    [Fact]
    public void Derives_one_message_id_per_mail_from_its_key_alone()
    {
        var first = NotificationQueue.MessageId("welcome/example.com/anna@example.com", "quarantine@example.com");

        Assert.Equal(first, NotificationQueue.MessageId("welcome/example.com/anna@example.com", "quarantine@example.com"));
        Assert.NotEqual(first, NotificationQueue.MessageId("welcome/example.com/bob@example.com", "quarantine@example.com"));
        Assert.Matches("^<welcome\\.[0-9a-f]{32}@example\\.com>$", first);
    }

    [Fact]
    public void Welcomes_in_the_domains_language_with_its_sender_and_the_link_escaped_in_html()
    {
        var german = WelcomeMail.Render(Queued("de"), Link, At.AddDays(7));
        var english = WelcomeMail.Render(Queued("en"), Link, At.AddDays(7));

        Assert.Equal("Ihre Spam-Quarantäne ist aktiv", german.Subject);
        Assert.Equal("Your spam quarantine is active", english.Subject);
        Assert.Contains(Link, german.Text, StringComparison.Ordinal);
        Assert.Contains("01.12.2026 06:00 UTC", german.Text, StringComparison.Ordinal);
        Assert.Contains("2026-12-01 06:00 UTC", english.Text, StringComparison.Ordinal);
        Assert.Contains("token=abc&lt;&amp;&gt;", english.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(Link, english.Html, StringComparison.Ordinal);
        Assert.Contains("Beispiel GmbH", german.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_a_reports_entries_in_the_users_time_zone_and_says_how_many_more_there_are()
    {
        var report = new PeriodicReportReady
        {
            EventId = Guid.NewGuid(), OccurredAt = At, Domain = "example.com", Email = "anna@example.com", ReportId = "r-1",
            Frequency = ReportFrequencies.Daily, PeriodStart = At.AddDays(-1), PeriodEnd = At, TimeZone = "Europe/Berlin", TotalMessages = 3,
            Entries =
            [
                new QuarantinedMessageSummary { QuarantineId = "q-2", Sender = "win@spam.test", Subject = "<b>Prize</b>", Score = 12.25, ReceivedAt = At.AddHours(-2) },
                new QuarantinedMessageSummary { QuarantineId = "q-1", Sender = "pills@spam.test", Subject = "Cheap", Score = 8, ReceivedAt = At.AddHours(-5) },
            ],
        };

        var mail = ReportMail.Render(Queued("en"), report, Link, At.AddDays(7));
        var german = ReportMail.Render(Queued("de"), report, Link, At.AddDays(7));

        Assert.Equal("Spam quarantine: 3 new message(s)", mail.Subject);
        Assert.Contains("2026-11-23 07:00 and 2026-11-24 07:00 (Europe/Berlin)", mail.Text, StringComparison.Ordinal);
        Assert.Contains("2026-11-24 05:00  win@spam.test  <b>Prize</b>  (12.3)", mail.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Prize&lt;/b&gt;", mail.Html, StringComparison.Ordinal);
        Assert.Contains("and 1 more", mail.Text, StringComparison.Ordinal);
        Assert.Contains("(8,0)", german.Text, StringComparison.Ordinal);
        Assert.Contains("Wertung", german.Html, StringComparison.Ordinal);
    }

    /// <summary>The message as MailKit writes it to the relay: CRLF line ends.</summary>
    private static byte[] Wire(MimeMessage message)
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        using var stream = new MemoryStream();
        message.WriteTo(options, stream);
        return stream.ToArray();
    }

    private static NotificationQueued Queued(string language) => new(
        "welcome/example.com/anna@example.com", NotificationKinds.Welcome, "example.com", "anna@example.com", "<welcome.x@example.com>", language,
        "Beispiel GmbH", "quarantine@example.com", At);
}

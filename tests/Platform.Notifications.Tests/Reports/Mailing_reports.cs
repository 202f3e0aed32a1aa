using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Notifications.Tests.Welcome;
using Platform.Testing;
using Xunit;

namespace Platform.Notifications.Tests.Reports;

public sealed class Mailing_reports
{
    [Fact]
    public async Task Mails_a_report_once_with_the_entries_it_was_given_and_a_login_link()
    {
        var domain = Welcoming_users.Domain();
        await using var host = await NotificationsHost.StartAsync();
        var bus = host.Service.Services.GetRequiredService<IBus>();
        var report = new PeriodicReportReady
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = domain, Email = $"rita@{domain}",
            ReportId = $"{domain}/rita@{domain}/weekly/2026-11-23", Frequency = ReportFrequencies.Weekly,
            PeriodStart = new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), PeriodEnd = new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero),
            TimeZone = "Europe/Berlin", TotalMessages = 2,
            Entries =
            [
                new QuarantinedMessageSummary { QuarantineId = "q-2", Sender = "lottery@spam.test", Subject = "You have won", Score = 14.5, ReceivedAt = new DateTimeOffset(2026, 11, 29, 18, 5, 0, TimeSpan.Zero) },
                new QuarantinedMessageSummary { QuarantineId = "q-1", Sender = "pharma@spam.test", Subject = "Cheap pills", Score = 9, ReceivedAt = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero) },
            ],
        };

        await bus.Publish(report, c => c.MessageId = report.EventId);
        await bus.Publish(report, c => c.MessageId = report.EventId);
        await bus.Publish(report with { EventId = Guid.NewGuid() }); // the scheduler's message sent twice

        var mail = await Welcoming_users.OneMailAsync($"rita@{domain}");
        Assert.Equal("Spam quarantine: 2 new message(s)", mail.Subject);
        Assert.Contains("between 2026-11-23 07:00 and 2026-11-30 07:00 (Europe/Berlin)", mail.Text, StringComparison.Ordinal);
        Assert.Contains("2026-11-29 19:05  lottery@spam.test  You have won  (14.5)", mail.Text, StringComparison.Ordinal);
        Assert.Contains("pharma@spam.test", mail.Html, StringComparison.Ordinal);
        Assert.Matches("token=[A-Za-z0-9_-]+", mail.Text);
        var sent = Assert.Single(await host.OutboxAsync(nameof(PeriodicReportSent)));
        Assert.Equal((report.ReportId, mail.MessageId), (sent["reportId"]!.GetValue<string>(), sent["messageId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Mails_a_report_once_in_the_language_the_user_chose_over_the_domains()
    {
        var domain = Welcoming_users.Domain();
        await using var host = await NotificationsHost.StartAsync();
        var bus = host.Service.Services.GetRequiredService<IBus>();
        var report = new PeriodicReportReady
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = domain, Email = $"udo@{domain}",
            ReportId = $"{domain}/udo@{domain}/daily/2026-11-23", Frequency = ReportFrequencies.Daily,
            PeriodStart = new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), PeriodEnd = new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero),
            TimeZone = "Europe/Berlin", TotalMessages = 1, Language = "de",
            Entries = [new QuarantinedMessageSummary { QuarantineId = "q-1", Sender = "pharma@spam.test", Subject = "Cheap pills", Score = 9, ReceivedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero) }],
        };

        // The domain's language is English (nothing saved); delivered twice, as a redelivery would.
        await bus.Publish(report, c => c.MessageId = report.EventId);
        await bus.Publish(report, c => c.MessageId = report.EventId);

        var mail = await Welcoming_users.OneMailAsync($"udo@{domain}");
        Assert.Equal("Spam-Quarantäne: 1 neue Nachricht(en)", mail.Subject);
        Assert.Single(await host.OutboxAsync(nameof(PeriodicReportSent)));
    }
}

extern alias auth;
extern alias directorysync;
extern alias notifications;
extern alias reporting;

using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Testing;
using Xunit;

namespace Platform.Messaging.Tests;

/// <summary>
/// The filter's raw JSON SpamQuarantined → reporting (FirstSpamDetected, enrollment) → notifications (welcome with a
/// link from auth, for the user directory-sync registered) → the report period passes on reporting's clock → the report
/// mail. Four services, one bus.
/// </summary>
public sealed class From_first_spam_to_welcome_and_report
{
    [Fact]
    public async Task Welcomes_a_new_recipient_once_and_mails_their_daily_report()
    {
        var domain = $"e2e{Guid.NewGuid():N}"[..14] + ".example";
        var user = $"mia@{domain}";
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var authHost = await ServiceHost<auth::Program>.StartOnAsync(vhost);
        // The registry: it announces the new recipient, and auth issues links only for users it announced.
        await using var directorySync = await ServiceHost<directorysync::Program>.StartOnAsync(vhost);
        await using var reportingHost = await ServiceHost<reporting::Program>.CreateAsync();
        reportingHost.With("RabbitMq:VirtualHost", vhost.Name).With("Reporting:Schedule:Interval", "01:00:00")
            .WithServices(s => s.AddSingleton<TimeProvider>(clock));
        await reportingHost.WaitUntilReadyAsync();
        await using var notificationsHost = await ServiceHost<notifications::Program>.CreateAsync();
        notificationsHost.With("RabbitMq:VirtualHost", vhost.Name).With("Smtp:Host", Infrastructure.Get("Smtp:Host"))
            .With("Smtp:Port", Infrastructure.Get("Smtp:Port")).With("Notifications:Delivery:PollInterval", "00:00:00.200");
        await notificationsHost.WaitUntilReadyAsync();

        foreach (var id in new[] { "q-1", "q-1", "q-2" })
        {
            await RawRabbitMq.PublishAsync(vhost.Name, nameof(SpamQuarantined), Guid.NewGuid(), RawRabbitMq.SpamQuarantined(domain, user, id));
        }

        var welcome = await OneAsync(user, "Your spam quarantine is active");
        Assert.Contains("token=", welcome.Text, StringComparison.Ordinal);
        var enrolled = Assert.Single(await OutboxMessages.ReadAsync(reportingHost.ConnectionString, "reporting", nameof(ReportEnrolled)));
        Assert.Equal(ReportFrequencies.Daily, enrolled["frequency"]!.GetValue<string>());

        // The next morning (06:00 UTC, the default report hour) reporting's scheduler finds the day over.
        clock.Now = new DateTimeOffset(2026, 11, 24, 6, 5, 0, TimeSpan.Zero);
        Assert.Equal(1, await reportingHost.Services.GetRequiredService<reporting::Platform.Reporting.Schedule.ReportScheduler>().RunOnceAsync(CancellationToken.None));

        var report = await OneAsync(user, "Spam quarantine: 2 new message(s)");
        Assert.Contains("Prize for q-2", report.Text, StringComparison.Ordinal);
        Assert.Contains("Prize for q-1", report.Text, StringComparison.Ordinal);
        Assert.Equal(2, SinkMail.To(user).Count);
    }

    private static async Task<SinkMail> OneAsync(string user, string subject)
    {
        await Eventually.Get(() => Task.FromResult(SinkMail.To(user).Count(m => m.Subject == subject)), n => n > 0, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // room for a duplicate
        return Assert.Single(SinkMail.To(user), m => m.Subject == subject);
    }
}

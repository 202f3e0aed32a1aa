using MassTransit;
using Platform.Contracts;
using Platform.Outbox.Store;
using Platform.Notifications.Delivery;
using Platform.Notifications.Settings;
using Platform.Security;

namespace Platform.Notifications.Reports;

/// <summary>Queues a report's mail, once per report id, with its entries; the delivery lanes send it with a login link.</summary>
public sealed class PeriodicReportReadyConsumer(
    GroupCommits commits, NotificationQueue queue, NotificationSettingsStore settings, DeliverySignal signal) : IConsumer<PeriodicReportReady>
{
    public async Task Consume(ConsumeContext<PeriodicReportReady> context)
    {
        var report = context.Message;
        if (EmailAddresses.FromEvent(report.Domain, report.Email) is not var (domain, email) || string.IsNullOrWhiteSpace(report.ReportId))
        {
            throw new ArgumentException($"PeriodicReportReady {report.EventId} does not name an address of its domain and a report id.");
        }

        var key = NotificationQueue.ReportKey(report.ReportId);
        if (await queue.ExistsAsync(key, context.CancellationToken))
        {
            return;
        }

        var (domainSettings, _) = await settings.GetAsync(domain, context.CancellationToken);
        var mail = queue.Mail(key, NotificationKinds.Report, domain, email, domainSettings, report);
        if (await commits.SaveOnceAsync(
                session => NotificationQueue.Queue(session.CausedBy(context, nameof(PeriodicReportReadyConsumer), "system:report"), mail),
                context.CancellationToken))
        {
            signal.Notify();
        }
    }
}

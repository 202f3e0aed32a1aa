using MassTransit;
using Platform.Contracts;
using Platform.EventStore.Sessions;
using Platform.Notifications.Delivery;
using Platform.Notifications.Settings;

namespace Platform.Notifications.Welcome;

/// <summary>Queues a user's welcome — once per user, ever — unless their domain turned welcomes off.</summary>
public sealed class Welcomes(EventStore.EventStore store, NotificationQueue queue, NotificationSettingsStore settings, DeliverySignal signal)
{
    /// <param name="fromDirectory">The user was found by the directory sync (welcomed only where the domain asks for it).</param>
    public async Task QueueAsync(ConsumeContext context, string consumer, string domain, string email, bool fromDirectory)
    {
        var (domainSettings, _) = await settings.GetAsync(domain, context.CancellationToken);
        var key = NotificationQueue.WelcomeKey(domain, email);
        if (!domainSettings.WelcomeEnabled || (fromDirectory && !domainSettings.WelcomeDirectoryUsers)
            || await queue.ExistsAsync(key, context.CancellationToken))
        {
            return;
        }

        var session = store.LightweightSession().CausedBy(context, consumer, "system:welcome");
        queue.Queue(session, key, NotificationKinds.Welcome, domain, email, domainSettings);
        if (await session.SaveChangesOnceAsync(context.CancellationToken))
        {
            signal.Notify();
        }
    }
}

using MassTransit;
using Npgsql;
using Platform.Contracts;
using Platform.EventStore.Sessions;
using Platform.Notifications.Delivery;
using Platform.Notifications.Settings;

namespace Platform.Notifications.Welcome;

/// <summary>Queues a user's welcome — once per user, ever — unless their domain turned welcomes off.</summary>
public sealed class Welcomes(
    NpgsqlDataSource data, EventStore.EventStore store, NotificationQueue queue, NotificationSettingsStore settings, DeliverySignal signal)
{
    /// <param name="fromDirectory">The user was found by the directory sync (welcomed only where the domain asks for it).</param>
    public async Task QueueAsync(ConsumeContext context, string consumer, string domain, string email, bool fromDirectory)
    {
        var key = NotificationQueue.WelcomeKey(domain, email);
        var (domainSettings, queued) = await ReadAsync(domain, key, context.CancellationToken);
        if (!domainSettings.WelcomeEnabled || (fromDirectory && !domainSettings.WelcomeDirectoryUsers) || queued)
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

    /// <summary>The domain's settings and whether the welcome is queued already, in one round trip.</summary>
    private async Task<(NotificationSettings Settings, bool Queued)> ReadAsync(string domain, string key, CancellationToken cancellationToken)
    {
        var schema = store.Options.Schema;
        await using var command = data.CreateCommand($"""
            SELECT {NotificationSettingsStore.Columns}, EXISTS (SELECT 1 FROM {schema}.notifications WHERE key = $2)
            FROM (SELECT 1) AS one LEFT JOIN {schema}.domain_notifications d ON d.domain = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (settings.Read(reader, 0), reader.GetBoolean(5));
    }
}

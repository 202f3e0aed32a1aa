using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Notifications.Delivery;

namespace Platform.Notifications.Settings;

/// <summary>Reads and saves a domain's notification settings.</summary>
public sealed class NotificationSettingsStore(NpgsqlDataSource data, EventStore.EventStore store, TimeProvider clock, IOptions<DeliveryOptions> options)
{
    public NotificationSettings Defaults => NotificationSettings.Defaults(options.Value.DefaultSender);

    public async Task<(NotificationSettings Settings, bool Saved)> GetAsync(string domain, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"""
            SELECT welcome_enabled, welcome_directory_users, sender_name, sender_address, language
            FROM {store.Options.Schema}.domain_notifications WHERE domain = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (new NotificationSettings(reader.GetBoolean(0), reader.GetBoolean(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)), true)
            : (Defaults, false);
    }

    public async Task SaveAsync(string domain, NotificationSettings settings, string actor, CancellationToken cancellationToken)
    {
        var session = store.LightweightSession();
        session.Actor = actor;
        session.Events.Append(NotificationSettingsProjection.StreamId(domain), new NotificationSettingsSaved(domain, settings, actor, clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellationToken);
    }
}

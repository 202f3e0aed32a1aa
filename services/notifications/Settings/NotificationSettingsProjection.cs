using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.Notifications.Settings;

/// <summary>Each domain's saved notification settings (<c>domain_notifications</c>).</summary>
public sealed class NotificationSettingsProjection(string schema) : IProjection
{
    public string Name => "domain_notifications";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.domain_notifications (
                domain text COLLATE "C" PRIMARY KEY,
                welcome_enabled boolean NOT NULL,
                welcome_directory_users boolean NOT NULL,
                sender_name text NOT NULL,
                sender_address text NOT NULL,
                language text NOT NULL,
                saved_by text NOT NULL,
                saved_at timestamptz NOT NULL);
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        foreach (var saved in events.Select(e => e.Data).OfType<NotificationSettingsSaved>())
        {
            var s = saved.Settings;
            writes.Add(BatchCommands.Of($"""
                INSERT INTO {schema}.domain_notifications VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (domain) DO UPDATE SET welcome_enabled = $2, welcome_directory_users = $3, sender_name = $4, sender_address = $5,
                    language = $6, saved_by = $7, saved_at = $8
                """, saved.Domain, s.WelcomeEnabled, s.WelcomeDirectoryUsers, s.SenderName, s.SenderAddress, s.Language, saved.Actor, saved.At));
        }

        return Task.CompletedTask;
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.domain_notifications", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string StreamId(string domain) => $"notification-settings/{domain}";
}

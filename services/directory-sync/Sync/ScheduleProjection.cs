using Platform.DirectorySync.Recipients;
using Npgsql;
using Platform.DirectorySync.Settings;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;
using static Platform.DirectorySync.Sync.DirectoryUsersProjection;

namespace Platform.DirectorySync.Sync;

/// <summary>Which domains sync on their own and how often (table <c>sync_schedule</c>), from their directory settings.</summary>
public sealed class ScheduleProjection(string schema) : IProjection
{
    public string Name => "sync_schedule";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.sync_schedule (domain text PRIMARY KEY, automatic boolean NOT NULL, interval_minutes int NOT NULL);
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case DirectorySettingsSaved saved:
                    batch.BatchCommands.Add(BatchCommands.Of($"""
                        INSERT INTO {schema}.sync_schedule (domain, automatic, interval_minutes) VALUES ($1, $2, $3)
                        ON CONFLICT (domain) DO UPDATE SET automatic = EXCLUDED.automatic, interval_minutes = EXCLUDED.interval_minutes
                        """, saved.Domain, saved.Settings.AutomaticSync, saved.Settings.SyncIntervalMinutes));
                    break;
                case DirectorySettingsRemoved removed:
                    batch.BatchCommands.Add(BatchCommands.Of($"DELETE FROM {schema}.sync_schedule WHERE domain = $1", removed.Domain));
                    break;
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            // Configuring or removing a directory changes where the domain's recipients come from.
            RecipientChanges.Notify(batch, schema, events.Select(e => e.Data switch
            {
                DirectorySettingsSaved s => s.Domain,
                DirectorySettingsRemoved r => r.Domain,
                _ => null,
            }).OfType<string>());
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.sync_schedule", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

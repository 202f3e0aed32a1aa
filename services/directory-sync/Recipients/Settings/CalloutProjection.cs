using Npgsql;
using Platform.DirectorySync.Sync;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.DirectorySync.Recipients.Settings;

/// <summary>The domains that verify recipients by callout, and their mail server (table <c>callout_servers</c>).</summary>
public sealed class CalloutProjection(string schema) : IProjection
{
    public string Name => "callout_servers";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"CREATE TABLE IF NOT EXISTS {schema}.callout_servers (domain text COLLATE \"C\" PRIMARY KEY, host text NOT NULL, port int NOT NULL)", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case CalloutConfigured c:
                    batch.BatchCommands.Add(BatchCommands.Of($"""
                        INSERT INTO {schema}.callout_servers (domain, host, port) VALUES ($1, $2, $3)
                        ON CONFLICT (domain) DO UPDATE SET host = EXCLUDED.host, port = EXCLUDED.port
                        """, c.Domain, c.Host, c.Port));
                    RecipientChanges.Notify(batch, schema, [c.Domain]);
                    break;
                case CalloutRemoved r:
                    batch.BatchCommands.Add(BatchCommands.Of($"DELETE FROM {schema}.callout_servers WHERE domain = $1", r.Domain));
                    RecipientChanges.Notify(batch, schema, [r.Domain]);
                    break;
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.callout_servers", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.Auth.Clients;

/// <summary>Machine credentials by id (table <c>service_clients</c>), as the token endpoint reads them.</summary>
public sealed class ServiceClientsProjection(string schema) : IProjection
{
    public string Name => "service_clients";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.service_clients (
                client_id text COLLATE "C" PRIMARY KEY,
                name text NOT NULL,
                role text NOT NULL,
                secret_hash text NOT NULL,
                created_by text NOT NULL,
                created_at timestamptz NOT NULL,
                revoked_at timestamptz,
                version bigint NOT NULL);
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case ServiceClientCreated c:
                    writes.Add(BatchCommands.Of($"""
                        INSERT INTO {schema}.service_clients (client_id, name, role, secret_hash, created_by, created_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        """, c.ClientId, c.Name, c.Role, c.SecretHash, c.By, c.At, e.Version));
                    break;
                case ServiceClientRevoked r:
                    writes.Add(BatchCommands.Of($"UPDATE {schema}.service_clients SET revoked_at = $2, version = $3 WHERE client_id = $1",
                        e.StreamId["client/".Length..], r.At, e.Version));
                    break;
            }
        }

        return Task.CompletedTask;
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.service_clients", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

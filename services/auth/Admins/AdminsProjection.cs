using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.Auth.Admins;

/// <summary>Local admin accounts (table <c>admins</c>), as the admin login reads them.</summary>
public sealed class AdminsProjection(string schema) : IProjection
{
    public string Name => "admins";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.admins (
                email text COLLATE "C" PRIMARY KEY,
                role text NOT NULL,
                domains text[] NOT NULL,
                password_hash text NOT NULL,
                created_by text NOT NULL,
                created_at timestamptz NOT NULL,
                removed_at timestamptz,
                version bigint NOT NULL);
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            var email = e.StreamId.StartsWith("admin/", StringComparison.Ordinal) ? e.StreamId["admin/".Length..] : null;
            switch (e.Data)
            {
                case AdminCreated c:
                    writes.Add(BatchCommands.Of($"""
                        INSERT INTO {schema}.admins (email, role, domains, password_hash, created_by, created_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        ON CONFLICT (email) DO UPDATE SET role = EXCLUDED.role, domains = EXCLUDED.domains, password_hash = EXCLUDED.password_hash,
                            created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at, removed_at = NULL, version = EXCLUDED.version
                        """, c.Email, c.Role, c.Domains.ToArray(), c.PasswordHash, c.By, c.At, e.Version));
                    break;
                case AdminPasswordSet p when email is not null:
                    writes.Add(BatchCommands.Of($"UPDATE {schema}.admins SET password_hash = $2, version = $3 WHERE email = $1",
                        email, p.PasswordHash, e.Version));
                    break;
                case AdminRemoved r when email is not null:
                    writes.Add(BatchCommands.Of($"UPDATE {schema}.admins SET removed_at = $2, version = $3 WHERE email = $1",
                        email, r.At, e.Version));
                    break;
            }
        }

        return Task.CompletedTask;
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.admins", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

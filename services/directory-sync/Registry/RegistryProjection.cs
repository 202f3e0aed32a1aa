using Npgsql;
using Platform.DirectorySync.Recipients;
using Platform.DirectorySync.Sync;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.DirectorySync.Registry;

/// <summary>
/// The registry of email users (table <c>registry_users</c>), one row per (domain, address), updated in the
/// transaction that records each change: what the users API lists and what recipient verification reads. A deleted
/// user keeps their row, marked, until a source registers them again. <c>version</c> is the stream's version, so a
/// writer can append without reading the stream.
/// </summary>
public sealed class RegistryProjection(string schema) : IProjection
{
    public string Name => "registry_users";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.registry_users (
                domain text COLLATE "C" NOT NULL,
                email text COLLATE "C" NOT NULL,
                source text NOT NULL,
                status text NOT NULL,
                first_seen timestamptz NOT NULL,
                last_login timestamptz,
                deleted_at timestamptz,
                version bigint NOT NULL,
                PRIMARY KEY (domain, email));
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        // Consecutive registrations (an import) become one multi-row upsert; anything else keeps its order.
        var registered = new List<(UserRegistered Event, long Version)>();
        foreach (var e in events)
        {
            if (e.Data is UserRegistered registration)
            {
                registered.Add((registration, e.Version));
            }
            else if (Command(e.Data, e.Version) is { } command)
            {
                Flush(batch, registered);
                batch.BatchCommands.Add(command);
            }
        }

        Flush(batch, registered);
        if (batch.BatchCommands.Count > 0)
        {
            RecipientChanges.Notify(batch, schema, events.Select(e => e.Data switch
            {
                UserRegistered r => r.Domain,
                RegistryUserDeleted d => d.Domain,
                _ => null,
            }).OfType<string>());
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.registry_users", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Flush(NpgsqlBatch batch, List<(UserRegistered Event, long Version)> registered)
    {
        if (registered.Count == 0)
        {
            return;
        }

        batch.BatchCommands.Add(BatchCommands.Of($"""
            INSERT INTO {schema}.registry_users (domain, email, source, status, first_seen, version)
            SELECT u.domain, u.email, u.source, 'active', u.at, u.version
            FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::bigint[]) AS u(domain, email, source, at, version)
            ON CONFLICT (domain, email) DO UPDATE SET source = EXCLUDED.source, status = 'active', first_seen = EXCLUDED.first_seen,
                last_login = NULL, deleted_at = NULL, version = EXCLUDED.version
            """,
            registered.Select(r => r.Event.Domain).ToArray(), registered.Select(r => r.Event.Email).ToArray(),
            registered.Select(r => r.Event.Source).ToArray(), registered.Select(r => r.Event.At).ToArray(),
            registered.Select(r => r.Version).ToArray()));
        registered.Clear();
    }

    private NpgsqlBatchCommand? Command(object data, long version) => data switch
    {
        UserStatusSet e => BatchCommands.Of(
            $"UPDATE {schema}.registry_users SET status = $3, version = $4 WHERE domain = $1 AND email = $2", e.Domain, e.Email, e.Status, version),
        UserLoggedIn e => BatchCommands.Of(
            $"UPDATE {schema}.registry_users SET last_login = $3, version = $4 WHERE domain = $1 AND email = $2", e.Domain, e.Email, e.At, version),
        RegistryUserDeleted e => BatchCommands.Of(
            $"UPDATE {schema}.registry_users SET deleted_at = $3, version = $4 WHERE domain = $1 AND email = $2", e.Domain, e.Email, e.At, version),
        _ => null,
    };
}

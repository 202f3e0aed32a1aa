using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;
using Platform.DirectorySync.Recipients;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// The managed list of directory users (table <c>directory_users</c>), updated in the transaction that records each
/// change: what a sync diffs against, read a domain at a time by its primary key. Removed users keep their row,
/// marked. It carries no index by address: an import writes every row, and lookups by address belong to the
/// address registry, not to this list.
/// </summary>
public sealed class DirectoryUsersProjection(string schema) : IProjection
{
    public string Name => "directory_users";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.directory_users (
                domain text COLLATE "C" NOT NULL,
                directory_id text COLLATE "C" NOT NULL,
                dn text NOT NULL,
                email text NOT NULL,
                aliases text[] NOT NULL DEFAULT '{"{}"}',
                display_name text,
                disabled boolean NOT NULL DEFAULT false,
                removed_at timestamptz,
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (domain, directory_id));
            DROP INDEX IF EXISTS {schema}.directory_users_email;
            DROP INDEX IF EXISTS {schema}.directory_users_aliases;
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        // Consecutive additions (an import) become one multi-row upsert; anything else keeps its order, one by one.
        var added = new List<DirectoryUserAdded>();
        foreach (var e in events)
        {
            if (e.Data is DirectoryUserAdded addition)
            {
                added.Add(addition);
            }
            else if (Command(e.Data) is { } command)
            {
                Flush(batch, added);
                batch.BatchCommands.Add(command);
            }
        }

        Flush(batch, added);
        if (batch.BatchCommands.Count > 0)
        {
            RecipientChanges.Notify(batch, schema, events.Select(e => e.Data).OfType<IDirectoryUserEvent>().Select(e => e.Domain));
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.directory_users", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Flush(NpgsqlBatch batch, List<DirectoryUserAdded> added)
    {
        if (added.Count == 0)
        {
            return;
        }

        // Aliases travel as one newline-separated text per user (unnest cannot take an array of arrays of different
        // lengths); an address never contains a line break, and an empty text is an empty array.
        batch.BatchCommands.Add(BatchCommands.Of($"""
            INSERT INTO {schema}.directory_users (domain, directory_id, dn, email, aliases, display_name, disabled, removed_at, updated_at)
            SELECT u.domain, u.directory_id, u.dn, u.email, string_to_array(u.aliases, E'\n'), u.display_name,
                   u.disabled, NULL, u.at
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::timestamptz[])
                AS u(domain, directory_id, dn, email, aliases, display_name, disabled, at)
            ON CONFLICT (domain, directory_id) DO UPDATE SET dn = EXCLUDED.dn, email = EXCLUDED.email, aliases = EXCLUDED.aliases,
                display_name = EXCLUDED.display_name, disabled = EXCLUDED.disabled, removed_at = NULL, updated_at = EXCLUDED.updated_at
            """,
            added.Select(a => a.Domain).ToArray(), added.Select(a => a.DirectoryId).ToArray(), added.Select(a => a.Dn).ToArray(),
            added.Select(a => a.Email).ToArray(), added.Select(a => string.Join('\n', a.Aliases)).ToArray(),
            new NpgsqlParameter { Value = added.Select(a => a.DisplayName).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            added.Select(a => a.Disabled).ToArray(), added.Select(a => a.At).ToArray()));
        added.Clear();
    }

    private NpgsqlBatchCommand? Command(object data) => data switch
    {
        DirectoryUserChanged e => BatchCommands.Of($"""
            UPDATE {schema}.directory_users SET dn = $3, email = $4, aliases = $5, display_name = $6, updated_at = $7
            WHERE domain = $1 AND directory_id = $2
            """, e.Domain, e.DirectoryId, e.Dn, e.Email, Array(e.Aliases), Nullable(e.DisplayName), e.At),
        DirectoryUserDisabled e => BatchCommands.Of($"UPDATE {schema}.directory_users SET disabled = true, updated_at = $3 WHERE domain = $1 AND directory_id = $2",
            e.Domain, e.DirectoryId, e.At),
        DirectoryUserEnabled e => BatchCommands.Of($"UPDATE {schema}.directory_users SET disabled = false, updated_at = $3 WHERE domain = $1 AND directory_id = $2",
            e.Domain, e.DirectoryId, e.At),
        DirectoryUserRemoved e => BatchCommands.Of($"UPDATE {schema}.directory_users SET removed_at = $3, updated_at = $3 WHERE domain = $1 AND directory_id = $2",
            e.Domain, e.DirectoryId, e.At),
        _ => null,
    };

    internal static object Nullable(string? value) => (object?)value ?? DBNull.Value;

    internal static NpgsqlParameter Array(IReadOnlyList<string> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}

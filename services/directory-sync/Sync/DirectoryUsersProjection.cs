using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// The managed list of directory users (table <c>directory_users</c>), updated in the transaction that records each
/// change: what a sync diffs against, and what recipient lookups read. Removed users keep their row, marked.
/// </summary>
public sealed class DirectoryUsersProjection(string schema) : IProjection
{
    public string Name => "directory_users";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.directory_users (
                domain text NOT NULL,
                directory_id text NOT NULL,
                dn text NOT NULL,
                email text NOT NULL,
                aliases text[] NOT NULL DEFAULT '{"{}"}',
                display_name text,
                disabled boolean NOT NULL DEFAULT false,
                removed_at timestamptz,
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (domain, directory_id));
            CREATE INDEX IF NOT EXISTS directory_users_email ON {schema}.directory_users (domain, email) WHERE removed_at IS NULL;
            CREATE INDEX IF NOT EXISTS directory_users_aliases ON {schema}.directory_users USING gin (aliases) WHERE removed_at IS NULL;
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var e in events)
        {
            if (Command(e.Data) is { } command)
            {
                batch.BatchCommands.Add(command);
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.directory_users", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlBatchCommand? Command(object data) => data switch
    {
        DirectoryUserAdded e => Sql($"""
            INSERT INTO {schema}.directory_users (domain, directory_id, dn, email, aliases, display_name, disabled, removed_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8)
            ON CONFLICT (domain, directory_id) DO UPDATE SET dn = EXCLUDED.dn, email = EXCLUDED.email, aliases = EXCLUDED.aliases,
                display_name = EXCLUDED.display_name, disabled = EXCLUDED.disabled, removed_at = NULL, updated_at = EXCLUDED.updated_at
            """, e.Domain, e.DirectoryId, e.Dn, e.Email, Array(e.Aliases), Nullable(e.DisplayName), e.Disabled, e.At),
        DirectoryUserChanged e => Sql($"""
            UPDATE {schema}.directory_users SET dn = $3, email = $4, aliases = $5, display_name = $6, updated_at = $7
            WHERE domain = $1 AND directory_id = $2
            """, e.Domain, e.DirectoryId, e.Dn, e.Email, Array(e.Aliases), Nullable(e.DisplayName), e.At),
        DirectoryUserDisabled e => Sql($"UPDATE {schema}.directory_users SET disabled = true, updated_at = $3 WHERE domain = $1 AND directory_id = $2",
            e.Domain, e.DirectoryId, e.At),
        DirectoryUserEnabled e => Sql($"UPDATE {schema}.directory_users SET disabled = false, updated_at = $3 WHERE domain = $1 AND directory_id = $2",
            e.Domain, e.DirectoryId, e.At),
        DirectoryUserRemoved e => Sql($"UPDATE {schema}.directory_users SET removed_at = $3, updated_at = $3 WHERE domain = $1 AND directory_id = $2",
            e.Domain, e.DirectoryId, e.At),
        _ => null,
    };

    internal static object Nullable(string? value) => (object?)value ?? DBNull.Value;

    internal static NpgsqlParameter Array(IReadOnlyList<string> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    internal static NpgsqlBatchCommand Sql(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return command;
    }
}

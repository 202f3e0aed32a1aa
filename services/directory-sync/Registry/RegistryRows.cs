using Marten;
using Npgsql;

namespace Platform.DirectorySync.Registry;

/// <summary>
/// Registry users as the read model has them (updated in the transaction of every registry event, so it matches the
/// streams): the state a decision needs and the version to append at, many at once.
/// </summary>
public sealed class RegistryRows(IDocumentStore store, NpgsqlDataSource data)
{
    public async Task<Dictionary<string, (RegisteredUser User, long Version)>> ReadAsync(
        string domain, IReadOnlyCollection<string> emails, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, (RegisteredUser, long)>(StringComparer.Ordinal);
        await using var command = data.CreateCommand($"""
            SELECT email, source, status, deleted_at IS NOT NULL, first_seen, last_login, version
            FROM {store.Options.DatabaseSchemaName}.registry_users WHERE domain = $1 AND email = ANY($2)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter { Value = emails.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var user = new RegisteredUser(reader.GetString(1), reader.GetString(2), reader.GetBoolean(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
            rows[reader.GetString(0)] = (user, reader.GetInt64(6));
        }

        return rows;
    }

    /// <summary>Whether the directory sync has this address as a user's primary address now (removed users do not count).</summary>
    public async Task<bool> InDirectoryAsync(string domain, string email, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand(
            $"SELECT EXISTS (SELECT 1 FROM {store.Options.DatabaseSchemaName}.directory_users WHERE domain = $1 AND email = $2 AND removed_at IS NULL)");
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

using Marten;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Platform.DirectorySync.Registry;

/// <summary>The users API's reads of <c>registry_users</c>, with what the directory sync knows of each user.</summary>
public sealed class RegistryReader(IDocumentStore store, NpgsqlDataSource data)
{
    public async Task<IReadOnlyList<RegistryUserView>> ListAsync(string domain, UserQuery query, CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        var sql = new StringBuilder($"{Select(schema)} WHERE r.domain = $1 AND r.deleted_at IS NULL AND r.email > $2");
        var parameters = new List<NpgsqlParameter> { new() { Value = domain }, new() { Value = query.After ?? "" } };
        if (query.Status is not null)
        {
            parameters.Add(new NpgsqlParameter { Value = query.Status });
            sql.Append(" AND r.status = $").Append(parameters.Count);
        }

        if (query.Source is not null)
        {
            parameters.Add(new NpgsqlParameter { Value = query.Source });
            sql.Append(" AND r.source = $").Append(parameters.Count);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            // A plain substring of the address: LIKE's wildcards in the text are matched as themselves.
            parameters.Add(new NpgsqlParameter { Value = query.Text.Trim().ToLowerInvariant(), NpgsqlDbType = NpgsqlDbType.Text });
            sql.Append(" AND strpos(r.email, $").Append(parameters.Count).Append(") > 0");
        }

        parameters.Add(new NpgsqlParameter { Value = query.Limit });
        sql.Append(" ORDER BY r.email LIMIT $").Append(parameters.Count);
        await using var command = data.CreateCommand(sql.ToString());
        command.Parameters.AddRange(parameters.ToArray());
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The user with this address, or the user whose alias (in the directory) it is.</summary>
    public async Task<RegistryUserView?> FindAsync(string domain, string email, CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var command = data.CreateCommand($"""
            {Select(schema)} WHERE r.domain = $1 AND r.deleted_at IS NULL AND r.email = coalesce(
                (SELECT email FROM {schema}.registry_users WHERE domain = $1 AND email = $2 AND deleted_at IS NULL),
                (SELECT email FROM {schema}.directory_users WHERE domain = $1 AND removed_at IS NULL AND $2 = ANY(aliases) LIMIT 1))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Each user with the directory's latest record of their address (a current one before a removed one).</summary>
    private static string Select(string schema) => $"""
        SELECT r.email, r.source, r.status, r.first_seen, r.last_login, d.directory_id, d.disabled, d.removed_at IS NOT NULL, d.aliases
        FROM {schema}.registry_users r
        LEFT JOIN LATERAL (
            SELECT directory_id, disabled, removed_at, aliases FROM {schema}.directory_users u
            WHERE u.domain = r.domain AND u.email = r.email ORDER BY u.removed_at DESC NULLS FIRST LIMIT 1) d ON true
        """;

    private static async Task<IReadOnlyList<RegistryUserView>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var users = new List<RegistryUserView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var directory = reader.IsDBNull(5) ? null : new DirectoryState(
                reader.GetString(5), reader.GetBoolean(7) ? "removed" : reader.GetBoolean(6) ? "disabled" : "active");
            users.Add(new RegistryUserView(reader.GetString(0), reader.GetString(1), reader.GetString(2), directory,
                reader.IsDBNull(8) || directory?.State == "removed" ? [] : reader.GetFieldValue<string[]>(8),
                reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return users;
    }
}

/// <summary>Filters and page of <c>GET .../users</c>; <see cref="After"/> is the last address of the previous page.</summary>
public sealed record UserQuery(string? Status, string? Source, string? Text, string? After, int Limit);

/// <summary>An email user as the API shows them.</summary>
/// <param name="Directory">What the directory sync knows of the address: null when it never saw it.</param>
public sealed record RegistryUserView(
    string Email, string Source, string Status, DirectoryState? Directory, IReadOnlyList<string> Aliases, DateTimeOffset FirstSeen, DateTimeOffset? LastLogin);

/// <summary>The directory's record of a user: its stable id and <c>active</c>, <c>disabled</c> or <c>removed</c>.</summary>
public sealed record DirectoryState(string DirectoryId, string State);

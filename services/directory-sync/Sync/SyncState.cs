using Npgsql;

namespace Platform.DirectorySync.Sync;

/// <summary>Where the domain's last runs left off: the change mark to continue from and when a full run last completed.</summary>
public sealed record SyncMarks(string? LastMark, DateTimeOffset? LastFullSyncAt)
{
    public static async Task<SyncMarks> ReadAsync(NpgsqlDataSource data, string schema, string domain, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"""
            SELECT (SELECT change_mark FROM {schema}.sync_runs WHERE domain = $1 AND status = 'completed' ORDER BY finished_at DESC LIMIT 1),
                   (SELECT max(finished_at) FROM {schema}.sync_runs WHERE domain = $1 AND status = 'completed' AND mode = 'full')
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SyncMarks(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }
}

/// <summary>The domain's users in the managed list, as a run diffs against them (removed ones are not).</summary>
public sealed record KnownUsers(IReadOnlyList<KnownUser> Active)
{
    public static async Task<KnownUsers> ReadAsync(NpgsqlDataSource data, string schema, string domain, CancellationToken cancellationToken)
    {
        var active = new List<KnownUser>();
        await using var command = data.CreateCommand($"""
            SELECT directory_id, email, aliases, display_name, disabled
            FROM {schema}.directory_users WHERE domain = $1 AND removed_at IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            active.Add(new KnownUser(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4)));
        }

        return new KnownUsers(active);
    }
}

using Npgsql;

namespace Platform.DirectorySync.Sync;

/// <summary>What a run starts from: the domain's users in the managed list and where the last runs left off.</summary>
public sealed record SyncState(
    IReadOnlyList<KnownUser> Active,
    IReadOnlySet<string> Removed,
    string? LastMark,
    DateTimeOffset? LastFullSyncAt)
{
    public static async Task<SyncState> ReadAsync(NpgsqlDataSource data, string schema, string domain, CancellationToken cancellationToken)
    {
        var active = new List<KnownUser>();
        var removed = new HashSet<string>(StringComparer.Ordinal);
        await using var batch = data.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            SELECT directory_id, email, aliases, display_name, disabled, removed_at IS NOT NULL
            FROM {schema}.directory_users WHERE domain = $1
            """) { Parameters = { new NpgsqlParameter { Value = domain } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            SELECT (SELECT change_mark FROM {schema}.sync_runs WHERE domain = $1 AND status = 'completed' ORDER BY finished_at DESC LIMIT 1),
                   (SELECT max(finished_at) FROM {schema}.sync_runs WHERE domain = $1 AND status = 'completed' AND mode = 'full')
            """) { Parameters = { new NpgsqlParameter { Value = domain } } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(5))
            {
                removed.Add(reader.GetString(0));
            }
            else
            {
                active.Add(new KnownUser(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4)));
            }
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var mark = reader.IsDBNull(0) ? null : reader.GetString(0);
        DateTimeOffset? lastFull = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        return new SyncState(active, removed, mark, lastFull);
    }
}

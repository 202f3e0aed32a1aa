using Npgsql;
using Platform.Directory;
using Platform.Directory.Search;
using Platform.DirectorySync.Sync;

namespace Platform.DirectorySync.Testing;

/// <summary>
/// What a full sync would change right now, planned exactly as a sync plans it (<see cref="SyncPlanner"/>, deletion
/// guard included) but only read: the managed list from <c>directory_users</c>, every entry from the directory, page
/// by page and within the sync's entry limit.
/// </summary>
public static class DryRun
{
    public static async Task<DryRunView> RunAsync(
        NpgsqlDataSource data, string schema, string domain, DirectoryClient client, int deletionThresholdPercent, SyncLimits limits,
        CancellationToken cancellationToken)
    {
        var known = await KnownUsersAsync(data, schema, domain, cancellationToken);
        var read = new SyncPlanBuilder(known);
        await foreach (var entry in limits.Bound(client.GetUsersAsync(cancellationToken), cancellationToken))
        {
            read.Add(entry);
        }

        var plan = read.Build(full: true, deletionThresholdPercent / 100.0);
        return DryRunView.From(plan, known.Count, deletionThresholdPercent);
    }

    /// <summary>The domain's directory users in the managed list that are not removed.</summary>
    public static async Task<IReadOnlyList<KnownUser>> KnownUsersAsync(NpgsqlDataSource data, string schema, string domain, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"""
            SELECT directory_id, email, aliases, display_name, disabled
            FROM {schema}.directory_users WHERE domain = $1 AND removed_at IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var known = new List<KnownUser>();
        while (await reader.ReadAsync(cancellationToken))
        {
            known.Add(new KnownUser(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4)));
        }

        return known;
    }
}

using System.Text.Json;
using Marten;
using Npgsql;
using Platform.DirectorySync.Sync;

namespace Platform.DirectorySync.History;

/// <summary>Reads a domain's sync history from the sync_runs and sync_changes read model.</summary>
public sealed class SyncHistoryReader(IDocumentStore store, NpgsqlDataSource data)
{
    private const string RunColumns = """
        run_id, domain, trigger, requested_by, requested_at, status, mode, started_at, finished_at, users, added, updated, disabled,
        enabled, removed, held, problems, error_code, error_message, held_reason, held_decision, held_decided_by, error_reason, error_values::text
        """;

    private string Schema => store.Options.DatabaseSchemaName;

    public async Task<IReadOnlyList<SyncRunView>> RunsAsync(string domain, int limit, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"""
            SELECT {RunColumns} FROM {Schema}.sync_runs WHERE domain = $1 AND ($2::timestamptz IS NULL OR requested_at < $2)
            ORDER BY requested_at DESC LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadRunsAsync(command, cancellationToken);
    }

    public async Task<SyncRunView?> RunAsync(string domain, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"SELECT {RunColumns} FROM {Schema}.sync_runs WHERE domain = $1 AND run_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        return (await ReadRunsAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>A page of the run's changes after <paramref name="after"/> (a change id), optionally of one kind.</summary>
    public async Task<IReadOnlyList<SyncChangeView>> ChangesAsync(Guid runId, string? change, long after, int limit, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"""
            SELECT id, change, directory_id, email, detail::text FROM {Schema}.sync_changes
            WHERE run_id = $1 AND id > $2 AND ($3::text IS NULL OR change = $3) ORDER BY id LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)change ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var changes = new List<SyncChangeView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new SyncChangeView(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), System.Text.Json.JsonDocument.Parse(reader.GetString(4)).RootElement.Clone()));
        }

        return changes;
    }

    /// <summary>The run's held removals, and whether a later full run completed since (then they are outdated).</summary>
    public async Task<(IReadOnlyList<HeldRemoval> Users, bool Outdated)> HeldAsync(string domain, Guid runId, CancellationToken cancellationToken)
    {
        await using var batch = data.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            SELECT directory_id, email FROM {Schema}.sync_changes WHERE run_id = $1 AND change = 'removalHeld' ORDER BY id
            """) { Parameters = { new NpgsqlParameter { Value = runId } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            SELECT EXISTS (SELECT 1 FROM {Schema}.sync_runs later, {Schema}.sync_runs this
                WHERE this.run_id = $2 AND later.domain = $1 AND later.status = 'completed' AND later.mode = 'full'
                  AND later.finished_at > this.finished_at)
            """) { Parameters = { new NpgsqlParameter { Value = domain }, new NpgsqlParameter { Value = runId } } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var users = new List<HeldRemoval>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(new HeldRemoval(reader.GetString(0), reader.GetString(1)));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (users, reader.GetBoolean(0));
    }

    private static async Task<IReadOnlyList<SyncRunView>> ReadRunsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<SyncRunView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            int? Int(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            DateTimeOffset? Time(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
            runs.Add(new SyncRunView(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetString(5), Text(6), Time(7), Time(8),
                Int(9) is null ? null : new SyncCounts(Int(9)!.Value, Int(10)!.Value, Int(11)!.Value, Int(12)!.Value, Int(13)!.Value, Int(14)!.Value,
                    Int(15)!.Value, Int(16)!.Value),
                Text(17) is null ? null : new SyncError(Text(17)!, Text(18)!, Text(22), ErrorValues(Text(23))),
                Text(19) is null ? null : new HeldRemovalsView(Text(19)!, Int(15) ?? 0, Text(20), Text(21))));
        }

        return runs;
    }

    private static IReadOnlyDictionary<string, string> ErrorValues(string? json) =>
        json is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}

using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.EventStore.Tests.Projections;

/// <summary>
/// A read model of account balances. It also records every event id it applies under a primary key, so applying an
/// event twice fails loudly instead of silently doubling a balance.
/// </summary>
internal sealed class BalanceProjection(string schema, string table) : IProjection
{
    public string Name => table;

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.{table} (stream_id text PRIMARY KEY, owner text, balance numeric NOT NULL, version bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS {schema}.{table}_applied (event_id uuid PRIMARY KEY);
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var e in events)
        {
            var (owner, amount) = e.Data switch
            {
                AccountOpened opened => (opened.Owner, 0m),
                Deposited deposited => ((string?)null, deposited.Amount),
                Withdrawn withdrawn => (null, -withdrawn.Amount),
                _ => (null, 0m),
            };
            batch.BatchCommands.Add(Command($"INSERT INTO {schema}.{table}_applied (event_id) VALUES ($1)", e.Id));
            batch.BatchCommands.Add(Command($"""
                INSERT INTO {schema}.{table} AS b (stream_id, owner, balance, version) VALUES ($1, $2, $3, $4)
                ON CONFLICT (stream_id) DO UPDATE SET owner = coalesce(EXCLUDED.owner, b.owner),
                    balance = b.balance + EXCLUDED.balance, version = EXCLUDED.version
                """, e.StreamId, (object?)owner ?? DBNull.Value, amount, e.Version));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.{table}, {schema}.{table}_applied", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<List<string>> SnapshotAsync(NpgsqlDataSource dataSource, string schema, string table)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT stream_id || '|' || coalesce(owner, '') || '|' || balance || '|' || version FROM {schema}.{table} ORDER BY stream_id");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}

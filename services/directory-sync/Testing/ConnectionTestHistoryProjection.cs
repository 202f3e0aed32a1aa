using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;
using static Platform.DirectorySync.Sync.DirectoryUsersProjection;

namespace Platform.DirectorySync.Testing;

/// <summary>A domain's connection tests (table <c>connection_tests</c>), newest first beside the sync history.</summary>
public sealed class ConnectionTestHistoryProjection(string schema) : IProjection
{
    public string Name => "connection_tests";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.connection_tests (
                test_id uuid PRIMARY KEY,
                domain text NOT NULL,
                tested_by text NOT NULL,
                tested_at timestamptz NOT NULL,
                source text NOT NULL,
                host text NOT NULL,
                port int NOT NULL,
                security text NOT NULL,
                failover_host text,
                result text NOT NULL,
                code text,
                failover_result text,
                failover_code text);
            CREATE INDEX IF NOT EXISTS connection_tests_domain ON {schema}.connection_tests (domain, tested_at DESC);
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        foreach (var e in events.Select(r => r.Data).OfType<ConnectionTestRecorded>())
        {
            writes.Add(BatchCommands.Of($"""
                INSERT INTO {schema}.connection_tests (test_id, domain, tested_by, tested_at, source, host, port, security, failover_host,
                    result, code, failover_result, failover_code)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (test_id) DO NOTHING
                """, e.TestId, e.Domain, e.TestedBy, e.At, e.Source, e.Host, e.Port, e.Security, Nullable(e.FailoverHost), e.Result,
                Nullable(e.Code), Nullable(e.FailoverResult), Nullable(e.FailoverCode)));
        }

        return Task.CompletedTask;
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.connection_tests", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

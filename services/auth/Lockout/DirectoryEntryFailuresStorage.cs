using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.Auth.Lockout;

/// <summary>
/// Creates <see cref="DirectoryEntryLimit"/>'s table with the store's own at start-up (under its migration lock). The
/// table is no read model of events (they are written by password checks directly), so nothing is applied or reset.
/// </summary>
public sealed class DirectoryEntryFailuresStorage(string schema) : IProjection
{
    public string Name => "directory_entry_failures";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.directory_entry_failures (
                domain text COLLATE "C" NOT NULL,
                entry text COLLATE "C" NOT NULL,
                at timestamptz NOT NULL);
            CREATE INDEX IF NOT EXISTS directory_entry_failures_entry ON {schema}.directory_entry_failures (domain, entry, at);
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;
}

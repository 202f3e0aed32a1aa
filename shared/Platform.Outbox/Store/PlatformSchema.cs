using Marten;
using Npgsql;

namespace Platform.Outbox.Store;

/// <summary>
/// Applies the store's schema (Marten's tables and functions, the outbox and inbox, the table projections') with
/// Marten's own migration, one replica at a time: Marten's migration takes no lock when asked directly, and its
/// start-up activator only tries its lock for half a second before it gives up and fails the start. Here each replica
/// waits for the schema's advisory lock, and the ones after the first find nothing left to change.
/// </summary>
public static class PlatformSchema
{
    public static async Task ApplyAsync(IDocumentStore store, NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        // Not Marten's own lock id: its activator may try that one with a connection of its own.
        var lockId = PlatformStoreOptions.LockIdOf(store.Options.DatabaseSchemaName) + 2;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = lockId });
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            release.Parameters.Add(new NpgsqlParameter { Value = lockId });
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}

using Npgsql;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// One sync per domain at a time across replicas: a session-level advisory lock held on a connection of its own for
/// the run's duration. If the replica dies, PostgreSQL ends the session and the lock with it. Other work that must be
/// one at a time per domain takes a lock of another scope.
/// </summary>
public sealed class DomainLock : IAsyncDisposable
{
    private const string SyncScope = "directory-sync";
    private readonly NpgsqlConnection _connection;
    private readonly string _scope;
    private readonly string _domain;

    private DomainLock(NpgsqlConnection connection, string scope, string domain)
    {
        _connection = connection;
        _scope = scope;
        _domain = domain;
    }

    /// <summary>The sync lock, or null when another replica holds it.</summary>
    public static Task<DomainLock?> TryAcquireAsync(NpgsqlDataSource data, string domain, CancellationToken cancellationToken) =>
        AcquireAsync(data, SyncScope, domain, wait: false, cancellationToken);

    /// <summary>The lock of <paramref name="scope"/> for the domain, waiting while another request or replica holds it.</summary>
    public static async Task<DomainLock> AcquireAsync(NpgsqlDataSource data, string scope, string domain, CancellationToken cancellationToken) =>
        (await AcquireAsync(data, scope, domain, wait: true, cancellationToken))!;

    private static async Task<DomainLock?> AcquireAsync(NpgsqlDataSource data, string scope, string domain, bool wait, CancellationToken cancellationToken)
    {
        var connection = await data.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(
                wait ? "SELECT true FROM pg_advisory_lock(hashtext($1), hashtext($2))" : "SELECT pg_try_advisory_lock(hashtext($1), hashtext($2))", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = scope });
            command.Parameters.Add(new NpgsqlParameter { Value = domain });
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new DomainLock(connection, scope, domain);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext($1), hashtext($2))", _connection);
            command.Parameters.Add(new NpgsqlParameter { Value = _scope });
            command.Parameters.Add(new NpgsqlParameter { Value = _domain });
            await command.ExecuteScalarAsync();
        }
        catch (NpgsqlException)
        {
            // The session is gone, and the lock with it.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}

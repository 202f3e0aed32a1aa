using Npgsql;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// One sync per domain at a time across replicas: a session-level advisory lock held on a connection of its own for
/// the run's duration. If the replica dies, PostgreSQL ends the session and the lock with it.
/// </summary>
public sealed class DomainLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _domain;

    private DomainLock(NpgsqlConnection connection, string domain)
    {
        _connection = connection;
        _domain = domain;
    }

    /// <summary>The lock, or null when another replica holds it.</summary>
    public static async Task<DomainLock?> TryAcquireAsync(NpgsqlDataSource data, string domain, CancellationToken cancellationToken)
    {
        var connection = await data.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext('directory-sync'), hashtext($1))", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = domain });
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new DomainLock(connection, domain);
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
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext('directory-sync'), hashtext($1))", _connection);
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

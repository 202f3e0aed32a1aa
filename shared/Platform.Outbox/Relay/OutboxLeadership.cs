using Npgsql;

namespace Platform.Outbox.Relay;

/// <summary>
/// The one connection of the active relay: it holds the session advisory lock that makes this replica the relay of
/// the schema, LISTENs for the writers' NOTIFY, and runs the batches. Lock, wake-ups and batch transactions share one
/// session on purpose: if it dies, PostgreSQL rolls back the batch and frees the lock together, so another replica
/// can never start while this one still holds rows.
/// </summary>
internal sealed class OutboxLeadership : IAsyncDisposable
{
    /// <summary>The lock's key is <c>hashtext</c> of this and the schema's name.</summary>
    internal const string LockKeyPrefix = "platform-outbox:";

    private const string TryLock = $"SELECT pg_try_advisory_lock(hashtext('{LockKeyPrefix}' || $1))";
    private const string Unlock = $"SELECT pg_advisory_unlock(hashtext('{LockKeyPrefix}' || $1))";

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnection _connection;
    private readonly string _schema;
    private int _notified;

    private OutboxLeadership(NpgsqlDataSource dataSource, NpgsqlConnection connection, string schema)
    {
        _dataSource = dataSource;
        _connection = connection;
        _schema = schema;
        connection.Notification += (_, _) => Volatile.Write(ref _notified, 1);
    }

    public NpgsqlConnection Connection => _connection;

    public bool IsUsable => _connection.FullState == System.Data.ConnectionState.Open;

    /// <summary>Takes the lead for <paramref name="store"/>'s schema, or returns null while another replica has it.</summary>
    public static async Task<OutboxLeadership?> TryAcquireAsync(OutboxStorage store, CancellationToken cancellationToken)
    {
        var schema = store.Schema;
        var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using (var tryLock = new NpgsqlCommand(TryLock, connection))
            {
                tryLock.Parameters.Add(new NpgsqlParameter { Value = schema });
                if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
                {
                    await connection.DisposeAsync();
                    return null;
                }
            }

            var leadership = new OutboxLeadership(store.DataSource, connection, schema);
            await using var listen = new NpgsqlCommand($"LISTEN {QuoteIdentifier(store.Channel)}", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            return leadership;
        }
        catch
        {
            // Closing a healthy session that holds the lock must unlock it: a pooled connection is only reset on reuse.
            await ReleaseAsync(store.DataSource, connection, schema);
            throw;
        }
    }

    /// <summary>True once per NOTIFY (or batch of them) received since the last call.</summary>
    public bool TakeNotification() => Interlocked.Exchange(ref _notified, 0) == 1;

    /// <summary>Waits for a NOTIFY on the outbox channel, at most <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _notified) == 0)
        {
            await _connection.WaitAsync(timeout, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => new(ReleaseAsync(_dataSource, _connection, _schema));

    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task ReleaseAsync(NpgsqlDataSource dataSource, NpgsqlConnection connection, string schema)
    {
        if (connection.FullState == System.Data.ConnectionState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await using var batch = new NpgsqlBatch(connection)
                {
                    BatchCommands = { new NpgsqlBatchCommand(Unlock) { Parameters = { new NpgsqlParameter { Value = schema } } }, new NpgsqlBatchCommand("UNLISTEN *") },
                };
                await batch.ExecuteNonQueryAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or InvalidOperationException)
            {
                // The session may still hold the lock: make the pool close it instead of keeping it idle.
                dataSource.Clear();
            }
        }

        await connection.DisposeAsync();
    }
}

using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace Platform.Auth.Lockout;

/// <summary>
/// One password check at a time per directory entry, across replicas, and at most
/// <see cref="LockoutOptions.DirectoryEntryFailuresAllowed"/> wrong-password binds per entry until a
/// <see cref="LockoutOptions.DirectoryEntryWindow"/> has passed without one (<see cref="DirectoryEntryDecisions"/>). The check runs inside a transaction holding the entry's
/// PostgreSQL advisory lock (<c>pg_advisory_xact_lock</c>): the count is read, the bind made and a wrong password
/// recorded before the next check of the entry may read the count. Table <c>directory_entry_failures</c>, no read
/// model of events: the check writes it directly, in its own transaction on its own connection, since the lock must be
/// held from before the read through the bind, and a Marten session opens its transaction only when it saves.
/// </summary>
public sealed class DirectoryEntryLimit(NpgsqlDataSource data, IDocumentStore store, IOptions<LockoutOptions> options, TimeProvider clock)
{
    private readonly string _table = store.Options.DatabaseSchemaName + ".directory_entry_failures";

    /// <summary>The table, created and upgraded by Marten's migration with the store's own.</summary>
    public static Table Table(string schema)
    {
        var table = new Table($"{schema}.directory_entry_failures");
        table.AddColumn<string>("domain").NotNull();
        table.AddColumn<string>("entry").NotNull();
        table.AddColumn("at", "timestamptz").NotNull();
        table.Indexes.Add(new IndexDefinition("directory_entry_failures_entry") { Columns = ["domain", "entry", "at"] });
        return table;
    }

    /// <summary>
    /// Waits for the entry's turn (keep it only for the check: others wait) and tells whether it may be bound now.
    /// </summary>
    public async Task<DirectoryEntryTurn> EnterAsync(string domain, string entryKey, CancellationToken cancellationToken)
    {
        var connection = await data.OpenConnectionAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // One round trip: the lock first, then (under it) forget what can no longer count and read what remains.
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    Command("SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0))", domain, entryKey),
                    Command($"DELETE FROM {_table} WHERE domain = $1 AND entry = $2 AND at < $3", domain, entryKey,
                        DirectoryEntryDecisions.ForgetBefore(now, options.Value)),
                    Command($"SELECT at FROM {_table} WHERE domain = $1 AND entry = $2 ORDER BY at", domain, entryKey),
                },
            };
            var failures = new List<DateTimeOffset>();
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                // Npgsql steps over the DELETE, which has no result set: take the rows of the result named "at".
                do
                {
                    while (reader.FieldCount == 1 && reader.GetName(0) == "at" && await reader.ReadAsync(cancellationToken))
                    {
                        failures.Add(reader.GetFieldValue<DateTimeOffset>(0));
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
            }

            var wait = DirectoryEntryDecisions.WaitBeforeBind(failures, now, options.Value);
            return new DirectoryEntryTurn(connection, transaction, _table, domain, entryKey, wait, clock);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}

/// <summary>A directory entry's turn for a password check: ends (and lets the next check in) when disposed.</summary>
public sealed class DirectoryEntryTurn : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _table;
    private readonly string _domain;
    private readonly string _entryKey;
    private readonly TimeProvider _clock;
    private bool _ended;

    internal DirectoryEntryTurn(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string domain, string entryKey, TimeSpan? wait, TimeProvider clock)
    {
        _connection = connection;
        _transaction = transaction;
        _table = table;
        _domain = domain;
        _entryKey = entryKey;
        Wait = wait;
        _clock = clock;
    }

    /// <summary>How long until the entry may be bound again; null when it may be now.</summary>
    public TimeSpan? Wait { get; }

    /// <summary>Records a bind the directory refused as a wrong password, committed with the end of the turn.</summary>
    public async Task CountWrongPasswordAsync(CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(_connection, _transaction)
        {
            BatchCommands = { DirectoryEntryLimit.Command($"INSERT INTO {_table} (domain, entry, at) VALUES ($1, $2, $3)", _domain, _entryKey, _clock.GetUtcNow()) },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends the turn (commits what it recorded, releases the entry); again is harmless.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        try
        {
            // Also when the caller gave up: a recorded wrong password stays recorded.
            await _transaction.CommitAsync(CancellationToken.None);
        }
        finally
        {
            await _transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}

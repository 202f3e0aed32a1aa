using Npgsql;
using Platform.Testing;

namespace Platform.EventStore.Tests;

/// <summary>An event store in a schema of the test's own on the real PostgreSQL, dropped afterwards.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly bool _ownsSchema;

    private TestStore(NpgsqlDataSource dataSource, EventStore store, bool ownsSchema)
    {
        DataSource = dataSource;
        Store = store;
        _ownsSchema = ownsSchema;
    }

    public NpgsqlDataSource DataSource { get; }

    public EventStore Store { get; }

    public string Schema => Store.Options.Schema;

    public static Task<TestStore> CreateAsync(Action<EventStoreOptions>? configure = null) =>
        CreateAsync(configure, "t_" + Guid.NewGuid().ToString("N")[..12], ownsSchema: true);

    /// <summary>Another replica of the same service: the same schema, its own connection pool and options.</summary>
    public Task<TestStore> ReplicaAsync(Action<EventStoreOptions>? configure = null) =>
        CreateAsync(configure, Schema, ownsSchema: false);

    /// <summary>
    /// Event 1 of <paramref name="streamId"/> written by a transaction of its own that stays open: its position is
    /// taken and its row locked until the caller commits or rolls back (disposing the pair rolls back).
    /// </summary>
    public async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> WriteUncommittedAsync(string streamId)
    {
        var connection = await DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand($$"""
            INSERT INTO {{Schema}}.events (id, stream_id, version, type, schema_version, data, metadata)
            VALUES (gen_random_uuid(), $1, 1, 'deposited', 1, '{"amount": 7}', '{}')
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await insert.ExecuteNonQueryAsync();
        return (connection, transaction);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("{schema}", Schema, StringComparison.Ordinal));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary><paramref name="sql"/> with <c>{schema}</c> replaced by the test's schema.</summary>
    public string Sql(string sql) => sql.Replace("{schema}", Schema, StringComparison.Ordinal);

    /// <summary>The first column of every row <paramref name="sql"/> returns, as text.</summary>
    public async Task<List<string>> RowsAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(Sql(sql));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("{schema}", Schema, StringComparison.Ordinal));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsSchema)
        {
            await using var drop = DataSource.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }

        await DataSource.DisposeAsync();
    }

    private static async Task<TestStore> CreateAsync(Action<EventStoreOptions>? configure, string schema, bool ownsSchema)
    {
        var options = new EventStoreOptions { Schema = schema };
        TestEvents.Register(options.Events);
        options.Messages.AddAssemblyOf<Platform.Contracts.UserDiscovered>();
        configure?.Invoke(options);
        var dataSource = NpgsqlDataSource.Create(Infrastructure.Get("ConnectionStrings:Postgres"));
        var store = new EventStore(dataSource, options);
        await store.MigrateAsync();
        return new TestStore(dataSource, store, ownsSchema);
    }
}

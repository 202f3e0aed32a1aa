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

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("{schema}", Schema, StringComparison.Ordinal));
        await command.ExecuteNonQueryAsync();
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

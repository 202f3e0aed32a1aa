using Marten;
using Npgsql;
using Platform.EventStore.MartenStore;
using Platform.Testing;

namespace Platform.EventStore.Tests.MartenStore;

/// <summary>A Marten store set up as the services set theirs up, in a schema of the test's own, dropped afterwards.</summary>
internal sealed class MartenTestStore : IAsyncDisposable
{
    private readonly bool _ownsSchema;

    private MartenTestStore(NpgsqlDataSource dataSource, DocumentStore store, string schema, bool ownsSchema)
    {
        DataSource = dataSource;
        Store = store;
        Schema = schema;
        _ownsSchema = ownsSchema;
    }

    public NpgsqlDataSource DataSource { get; }

    public DocumentStore Store { get; }

    public string Schema { get; }

    public static Task<MartenTestStore> CreateAsync(Action<StoreOptions>? configure = null) =>
        CreateAsync(configure, "m_" + Guid.NewGuid().ToString("N")[..12], ownsSchema: true);

    /// <summary>Another replica of the same service: the same schema, its own store and connection pool.</summary>
    public Task<MartenTestStore> ReplicaAsync(Action<StoreOptions>? configure = null) => CreateAsync(configure, Schema, ownsSchema: false);

    public string Sql(string sql) => sql.Replace("{schema}", Schema, StringComparison.Ordinal);

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(Sql(sql));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(Sql(sql));
        await command.ExecuteNonQueryAsync();
    }

    public async Task<List<string>> RowsAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(Sql(sql));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.IsDBNull(0) ? "<null>" : reader.GetValue(0).ToString()!);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (_ownsSchema)
        {
            await using var drop = DataSource.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }

        await DataSource.DisposeAsync();
    }

    private static async Task<MartenTestStore> CreateAsync(Action<StoreOptions>? configure, string schema, bool ownsSchema)
    {
        var dataSource = NpgsqlDataSource.Create(Infrastructure.Get("ConnectionStrings:Postgres"));
        var options = PlatformStoreOptions.Create(schema);
        options.Connection(dataSource);
        options.Events.MapEventType<Deposited>("deposited");
        options.Events.MapEventType<Withdrawn>("withdrawn");
        configure?.Invoke(options);
        var store = new DocumentStore(options);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new MartenTestStore(dataSource, store, schema, ownsSchema);
    }
}

public sealed record Deposited(int Amount);

public sealed record Withdrawn(int Amount);

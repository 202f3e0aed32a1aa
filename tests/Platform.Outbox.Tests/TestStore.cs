using Marten;
using Npgsql;
using Platform.Outbox.Store;
using Platform.Outbox.Relay;
using Platform.Testing;

namespace Platform.Outbox.Tests;

/// <summary>A Marten store set up as the services set theirs up, in a schema of the test's own, dropped afterwards.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly bool _ownsSchema;

    private TestStore(NpgsqlDataSource dataSource, DocumentStore store, string schema, bool ownsSchema)
    {
        DataSource = dataSource;
        Store = store;
        Schema = schema;
        _ownsSchema = ownsSchema;
        Outbox = new OutboxStorage(dataSource, schema, Messages());
    }

    /// <summary>The outbox and inbox beside the store's events, as a relay reads them.</summary>
    public OutboxStorage Outbox { get; }

    public NpgsqlDataSource DataSource { get; }

    public DocumentStore Store { get; }

    public string Schema { get; }

    public static Task<TestStore> CreateAsync(Action<StoreOptions>? configure = null, Action<NpgsqlDataSourceBuilder>? dataSource = null) =>
        CreateAsync(configure, "t_" + Guid.NewGuid().ToString("N")[..12], ownsSchema: true, dataSource);

    /// <summary>Another replica of the same service: the same schema, its own store and connection pool.</summary>
    public Task<TestStore> ReplicaAsync(Action<StoreOptions>? configure = null) => CreateAsync(configure, Schema, ownsSchema: false);

    public string Sql(string sql) => sql.Replace("{schema}", Schema, StringComparison.Ordinal);

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(Sql(sql));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Polls <paramref name="sql"/> (a count) until it is positive; fails after 30 s.</summary>
    public async Task WaitUntilAsync(string sql)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await ScalarAsync(sql) == 0)
        {
            await Task.Delay(20, patience.Token);
        }
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

    /// <summary>The account's state folded from its stream (live: the test stores register no snapshot).</summary>
    public async Task<Account> AccountAsync(string streamId)
    {
        await using var query = Store.QuerySession();
        return await query.Events.AggregateStreamAsync<Account>(streamId) ?? Account.Initial;
    }

    /// <summary>Every message type a test may put in the outbox: the contracts and the relay tests' own.</summary>
    private static MessageTypeRegistry Messages() =>
        new MessageTypeRegistry().AddAssemblyOf<Platform.Contracts.UserDiscovered>()
            .Add(typeof(Platform.Outbox.Tests.Outbox.NumberIssued)).Add(typeof(Platform.Outbox.Tests.Outbox.NumberVoided));

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

    private static async Task<TestStore> CreateAsync(Action<StoreOptions>? configure, string schema, bool ownsSchema,
        Action<NpgsqlDataSourceBuilder>? configureDataSource = null)
    {
        var builder = new NpgsqlDataSourceBuilder(Infrastructure.Get("ConnectionStrings:Postgres"));
        configureDataSource?.Invoke(builder);
        var dataSource = builder.Build();
        var options = PlatformStoreOptions.Create(schema);
        options.Connection(dataSource);
        TestEvents.Register(options);
        options.Projections.Add(new AccountProjection(), JasperFx.Events.Projections.ProjectionLifecycle.Live);
        configure?.Invoke(options);
        var store = new DocumentStore(options);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new TestStore(dataSource, store, schema, ownsSchema);
    }
}


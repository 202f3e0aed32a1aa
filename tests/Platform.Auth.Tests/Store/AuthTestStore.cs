using Marten;
using Npgsql;
using Platform.Outbox.Store;
using Platform.Testing;

namespace Platform.Auth.Tests.Store;

/// <summary>Auth's Marten store as the service sets it up, without the host, in a schema of the test's own, dropped afterwards.</summary>
internal sealed class AuthTestStore : IAsyncDisposable
{
    private AuthTestStore(NpgsqlDataSource dataSource, DocumentStore store, string schema)
    {
        DataSource = dataSource;
        Store = store;
        Schema = schema;
    }

    public NpgsqlDataSource DataSource { get; }

    public DocumentStore Store { get; }

    public string Schema { get; }

    public static async Task<AuthTestStore> CreateAsync()
    {
        var schema = "auth_" + Guid.NewGuid().ToString("N")[..12];
        var dataSource = NpgsqlDataSource.Create(Infrastructure.Get("ConnectionStrings:Postgres"));
        var options = PlatformStoreOptions.Create(schema);
        options.Connection(dataSource);
        AuthService.ConfigureStore(options);
        var store = new DocumentStore(options);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new AuthTestStore(dataSource, store, schema);
    }

    /// <summary>Every row of <paramref name="sql"/> (<c>{schema}</c> is the store's), each as its columns' text joined by '|', sorted.</summary>
    public async Task<List<string>> RowsAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("{schema}", Schema, StringComparison.Ordinal));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "<null>" : reader.GetValue(i) switch
            {
                DateTime t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                Array a => string.Join(",", a.Cast<object>()),
                var v => v.ToString(),
            })));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await using (var drop = DataSource.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await DataSource.DisposeAsync();
    }
}

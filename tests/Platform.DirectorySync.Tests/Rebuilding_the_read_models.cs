using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.DirectorySync.Tests.Sync;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests;

/// <summary>
/// Every read model of the service is a Marten projection written inline; Marten's own rebuild (tables emptied, every
/// event replayed by its daemon) gives back exactly the rows the writes left.
/// </summary>
public sealed class Rebuilding_the_read_models : IAsyncLifetime
{
    private const string Domain = "example.com";
    private const string Other = "callout.example";
    private readonly ServiceHost<Program> _host = new();
    private HttpClient _admin = null!;

    /// <summary>Each projection and its tables' rows, as text (the ids of sync_changes are a sequence's, not the events').</summary>
    private static readonly (string Projection, string[] Queries)[] ReadModels =
    [
        ("directory_users", ["SELECT t::text FROM directory_sync.directory_users t"]),
        ("registry_users", ["SELECT t::text FROM directory_sync.registry_users t"]),
        ("sync_history", ["SELECT t::text FROM directory_sync.sync_runs t",
            "SELECT concat_ws(',', run_id, change, directory_id, email, detail) FROM directory_sync.sync_changes"]),
        ("sync_schedule", ["SELECT t::text FROM directory_sync.sync_schedule t"]),
        ("login_suffixes", ["SELECT t::text FROM directory_sync.login_suffixes t"]),
        ("callout_servers", ["SELECT t::text FROM directory_sync.callout_servers t"]),
        ("connection_tests", ["SELECT t::text FROM directory_sync.connection_tests t"]),
    ];

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@example.com", Domain));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Rebuilds_each_projection_from_the_events_to_the_rows_the_writes_left()
    {
        var settings = DemoDirectory.Settings();
        settings["automaticSync"] = false;
        settings["loginSuffixes"] = new System.Text.Json.Nodes.JsonArray("corp.example");
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings)).StatusCode);
        Assert.Equal("completed", (await SyncApi.SyncAsync(_admin, Domain))["run"]!["status"]!.GetValue<string>());
        Assert.True((await _admin.PostAsync($"/v1/domains/{Domain}/directory/test", null)).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync($"/v1/domains/{Domain}/users", new { email = "ann@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PatchAsJsonAsync($"/v1/domains/{Domain}/users/ann@example.com", new { status = "inactive" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync($"/v1/domains/{Domain}/users", new { email = "zoe@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/v1/domains/{Domain}/users/zoe@example.com")).StatusCode);
        using var other = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{Other}", Other));
        Assert.Equal(HttpStatusCode.OK,
            (await other.PutAsJsonAsync($"/v1/domains/{Other}/recipient-verification", new { callout = new { host = "mx.callout.example", port = 2525 } })).StatusCode);

        var written = await RowsAsync();
        Assert.All(written, model => Assert.NotEmpty(model.Value));
        await using (var data = NpgsqlDataSource.Create(_host.ConnectionString))
        {
            // What a rebuild must undo: rows lost, rows changed, a row no event explains.
            await using var damage = data.CreateCommand("""
                DELETE FROM directory_sync.directory_users WHERE email LIKE 'j%';
                UPDATE directory_sync.registry_users SET status = 'inactive', version = 0;
                TRUNCATE directory_sync.sync_changes;
                INSERT INTO directory_sync.login_suffixes VALUES ('stray.example', '{stray.example}');
                """);
            await damage.ExecuteNonQueryAsync();
        }

        var store = _host.Services.GetRequiredService<IDocumentStore>();
        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var (projection, _) in ReadModels)
        {
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        var rebuilt = await RowsAsync();
        foreach (var (projection, _) in ReadModels)
        {
            Assert.Equal(written[projection], rebuilt[projection]);
        }
    }

    private async Task<Dictionary<string, List<string>>> RowsAsync()
    {
        await using var data = NpgsqlDataSource.Create(_host.ConnectionString);
        var rows = new Dictionary<string, List<string>>();
        foreach (var (projection, queries) in ReadModels)
        {
            var texts = new List<string>();
            foreach (var query in queries)
            {
                await using var command = data.CreateCommand(query);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    texts.Add(reader.GetString(0));
                }
            }

            texts.Sort(StringComparer.Ordinal);
            rows[projection] = texts;
        }

        return rows;
    }
}

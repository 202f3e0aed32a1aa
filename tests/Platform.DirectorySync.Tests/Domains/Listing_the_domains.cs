using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.DirectorySync.Tests.Sync;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Domains;

/// <summary>A platform admin lists every domain with its directory and last sync; no one else may.</summary>
public sealed class Listing_the_domains : IAsyncLifetime
{
    private const string Synced = "a-synced.example";
    private const string Listed = "b-listed.example";
    private readonly ServiceHost<Program> _host = new();
    private HttpClient _platform = null!;
    private HttpClient _domainAdmin = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _platform = _host.CreateClient().As(PlatformTokenRequest.PlatformAdmin("operator"));
        _domainAdmin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@a-synced.example", Synced));
    }

    public async Task DisposeAsync()
    {
        _platform.Dispose();
        _domainAdmin.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Shows_each_domain_with_its_directory_last_sync_and_users_by_name()
    {
        await using var ldap = await LdapSubtree.CreateAsync();
        await ldap.AddUserAsync("ann", "ann@a-synced.example");
        var settings = ldap.Settings();
        settings["automaticSync"] = false;
        (await _platform.PutAsJsonAsync($"/v1/domains/{Synced}/directory", settings)).EnsureSuccessStatusCode();
        var run = await SyncApi.SyncAsync(_platform, Synced);
        (await _platform.PostAsJsonAsync($"/v1/domains/{Listed}/users", new { email = "bob@b-listed.example" })).EnsureSuccessStatusCode();

        var first = JsonNode.Parse(await _platform.GetStringAsync("/v1/domains?limit=1"))!;
        var second = JsonNode.Parse(await _platform.GetStringAsync($"/v1/domains?limit=1&after={first["nextAfter"]!.GetValue<string>()}"))!;

        var synced = Assert.Single(first["domains"]!.AsArray())!;
        Assert.Equal((Synced, "openLdap", LdapSubtree.Host, false), (synced["domain"]!.GetValue<string>(), synced["directory"]!["kind"]!.GetValue<string>(),
            synced["directory"]!["host"]!.GetValue<string>(), synced["directory"]!["automaticSync"]!.GetValue<bool>()));
        Assert.Equal((run["run"]!["runId"]!.GetValue<Guid>(), "completed", 1L), (synced["lastSync"]!["runId"]!.GetValue<Guid>(),
            synced["lastSync"]!["status"]!.GetValue<string>(), synced["users"]!.GetValue<long>()));
        var listed = Assert.Single(second["domains"]!.AsArray())!;
        Assert.Equal((Listed, 1L), (listed["domain"]!.GetValue<string>(), listed["users"]!.GetValue<long>()));
        Assert.Null(listed["directory"]);
        Assert.Null(listed["lastSync"]);
        Assert.Null(second["nextAfter"]);
    }

    [Fact]
    public async Task Refuses_a_domain_admin()
    {
        var response = await _domainAdmin.GetAsync("/v1/domains");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

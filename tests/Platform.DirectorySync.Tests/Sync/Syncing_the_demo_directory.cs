using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Sync;

/// <summary>The first import of the demo directory (dc=example,dc=com: 12 people, dave disabled) through the API.</summary>
public sealed class Syncing_the_demo_directory : IAsyncLifetime
{
    private const string Domain = "example.com";
    private readonly ServiceHost<Program> _host = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _host.With("DirectorySync:SchedulerInterval", "00:00:01");
        _admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@example.com", Domain));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Imports_every_user_on_demand_announces_the_enabled_ones_once_and_records_the_run()
    {
        var saved = await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", DemoDirectory.Settings());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var accepted = await _admin.PostAsync($"/v1/domains/{Domain}/directory/sync", null);
        var runId = JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["runId"]!.GetValue<Guid>();
        var run = await Eventually.Get(async () => JsonNode.Parse(await _admin.GetStringAsync($"/v1/domains/{Domain}/directory/syncs/{runId}"))!,
            r => r["run"]!["status"]!.GetValue<string>() is "completed" or "failed", TimeSpan.FromSeconds(30));
        var again = await _admin.PostAsync($"/v1/domains/{Domain}/directory/sync", null);
        var secondId = JsonNode.Parse(await again.Content.ReadAsStringAsync())!["runId"]!.GetValue<Guid>();
        var second = await Eventually.Get(async () => JsonNode.Parse(await _admin.GetStringAsync($"/v1/domains/{Domain}/directory/syncs/{secondId}"))!,
            r => r["run"]!["status"]!.GetValue<string>() is "completed" or "failed", TimeSpan.FromSeconds(30));
        var history = JsonNode.Parse(await _admin.GetStringAsync($"/v1/domains/{Domain}/directory/syncs"))!.AsArray();

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal($"/v1/domains/{Domain}/directory/syncs/{runId}", accepted.Headers.Location?.ToString());
        Assert.Equal("completed", run["run"]!["status"]!.GetValue<string>());
        Assert.Equal("manual", run["run"]!["trigger"]!.GetValue<string>());
        Assert.Equal("full", run["run"]!["mode"]!.GetValue<string>());
        Assert.Equal(12, run["run"]!["counts"]!["users"]!.GetValue<int>());
        Assert.Equal(12, run["run"]!["counts"]!["added"]!.GetValue<int>());
        Assert.Equal(12, run["changes"]!.AsArray().Count(c => c!["change"]!.GetValue<string>() == "added"));
        Assert.Contains(run["changes"]!.AsArray(), c => c!["email"]!.GetValue<string>() == "john.doe@example.com");
        Assert.Equal("completed", second["run"]!["status"]!.GetValue<string>());
        Assert.Equal(0, second["run"]!["counts"]!["added"]!.GetValue<int>() + second["run"]!["counts"]!["updated"]!.GetValue<int>()
            + second["run"]!["counts"]!["removed"]!.GetValue<int>());
        Assert.Equal(2, history.Count);

        var discovered = await SyncApi.OutboxAsync(_host.ConnectionString, "UserDiscovered");
        Assert.Equal(11, discovered.Count);
        Assert.DoesNotContain(discovered, m => m["email"]!.GetValue<string>().StartsWith("dave", StringComparison.Ordinal));
        Assert.All(discovered, m => Assert.Equal("directory", m["source"]!.GetValue<string>()));
        Assert.Equal(2, (await SyncApi.OutboxAsync(_host.ConnectionString, "DirectorySyncCompleted")).Count);
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Sync;

public sealed class Syncing_on_schedule : IAsyncLifetime
{
    private const string Domain = "schedule.example";
    private readonly ServiceHost<Program> _first = new();
    private ServiceHost<Program> _second = null!;
    private LdapSubtree _ldap = null!;

    public async Task InitializeAsync()
    {
        await _first.InitializeAsync();
        _first.With("DirectorySync:SchedulerInterval", "00:00:00.200");
        // A second replica on the same database and bus.
        _second = await ServiceHost<Program>.CreateAsync();
        _second.With("ConnectionStrings:Postgres", _first.ConnectionString).With("RabbitMq:VirtualHost", _first.VirtualHost)
            .With("DirectorySync:SchedulerInterval", "00:00:00.200");
        _ldap = await LdapSubtree.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _ldap.DisposeAsync();
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task Syncs_a_domain_once_when_saved_then_on_its_own_once_per_interval_across_two_replicas()
    {
        for (var i = 0; i < 3; i++)
        {
            await _ldap.AddUserAsync($"user{i}", $"user{i}@schedule.example");
        }

        using var admin = _first.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@schedule.example", Domain));
        await _second.WaitUntilReadyAsync();
        var settings = _ldap.Settings();
        settings["automaticSync"] = true;
        settings["syncIntervalMinutes"] = 5;
        var saved = await admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings);
        saved.EnsureSuccessStatusCode();
        var savedRun = JsonNode.Parse(await saved.Content.ReadAsStringAsync())!["syncRunId"]!.GetValue<Guid>();

        var first = await CompletedRunsAsync(admin, 1);
        // Both replicas look five times a second: another run within the interval would show up by now.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var stillOne = await RunsAsync(admin);
        settings["syncIntervalMinutes"] = 6;
        var rescheduled = await admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings);
        rescheduled.EnsureSuccessStatusCode();
        var rescheduledRun = JsonNode.Parse(await rescheduled.Content.ReadAsStringAsync())!["syncRunId"];
        // The interval has passed: the schedule queues the next run, in one replica only.
        await CountAsync("UPDATE directory_sync.sync_runs SET requested_at = requested_at - interval '7 minutes'");
        await CompletedRunsAsync(admin, 2);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = await RunsAsync(admin);

        var settingsRun = Assert.Single(first);
        Assert.Equal(savedRun, settingsRun!["runId"]!.GetValue<Guid>());
        Assert.Equal("settingsChanged", settingsRun["trigger"]!.GetValue<string>());
        Assert.Equal("full", settingsRun["mode"]!.GetValue<string>());
        Assert.Equal(3, settingsRun["counts"]!["added"]!.GetValue<int>());
        Assert.Single(stillOne);
        Assert.Null(rescheduledRun); // only the schedule changed: nothing to read again now
        Assert.Equal(2, after.Count);
        var scheduled = after.Single(r => r!["runId"]!.GetValue<Guid>() != savedRun)!;
        Assert.Equal("schedule", scheduled["trigger"]!.GetValue<string>());
        Assert.Equal(0, scheduled["counts"]!["added"]!.GetValue<int>());
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM directory_sync.outbox WHERE message_type = 'Platform.Contracts.UserDiscovered'"));
    }

    private static async Task<JsonArray> RunsAsync(HttpClient admin) =>
        JsonNode.Parse(await admin.GetStringAsync($"/v1/domains/{Domain}/directory/syncs"))!.AsArray();

    private static Task<JsonArray> CompletedRunsAsync(HttpClient admin, int count) =>
        Eventually.Get(() => RunsAsync(admin), r => r.Count >= count && r.All(x => x!["status"]!.GetValue<string>() == "completed"), TimeSpan.FromSeconds(30));

    private async Task<long> CountAsync(string sql)
    {
        await using var data = NpgsqlDataSource.Create(_first.ConnectionString);
        await using var command = data.CreateCommand(sql);
        return await command.ExecuteScalarAsync() is long count ? count : 0;
    }
}

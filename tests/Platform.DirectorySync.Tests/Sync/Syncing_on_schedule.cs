using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.DirectorySync.Tests.Fixtures;
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
    public async Task Syncs_a_domain_on_its_own_once_per_interval_across_two_replicas()
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
        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings)).EnsureSuccessStatusCode();

        var runs = await Eventually.Get(async () => JsonNode.Parse(await admin.GetStringAsync($"/v1/domains/{Domain}/directory/syncs"))!.AsArray(),
            r => r.Count > 0 && r.All(x => x!["status"]!.GetValue<string>() == "completed"), TimeSpan.FromSeconds(30));
        // Both replicas look five times a second: a second scheduled run within the interval would show up by now.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = JsonNode.Parse(await admin.GetStringAsync($"/v1/domains/{Domain}/directory/syncs"))!.AsArray();

        var run = Assert.Single(after);
        Assert.Equal("schedule", run!["trigger"]!.GetValue<string>());
        Assert.Equal(3, run["counts"]!["added"]!.GetValue<int>());
        Assert.Single(runs);
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM directory_sync.outbox WHERE message_type = 'Platform.Contracts.UserDiscovered'"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var data = NpgsqlDataSource.Create(_first.ConnectionString);
        await using var command = data.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

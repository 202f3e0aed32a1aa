using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.DirectorySync.Tests.Sync;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Registry;

/// <summary>
/// Each address becomes known once, whichever source reports it first: the first spam, a login, an admin, a directory
/// sync — delivered twice, or racing each other.
/// </summary>
public sealed class Discovering_users_from_every_source : IAsyncLifetime
{
    private const string Domain = "sources.example";
    private readonly ServiceHost<Program> _host = new();
    private HttpClient _admin = null!;
    private IBus _bus = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@sources.example", Domain));
        // Published before the consumers' queues are bound, a message would go nowhere.
        await _host.WaitUntilReadyAsync();
        _bus = _host.Services.GetRequiredService<IBus>();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Discovers_a_recipient_once_from_a_first_spam_delivered_twice()
    {
        var spam = FirstSpam("Dave@Sources.example");

        await _bus.Publish(spam, c => c.MessageId = spam.EventId);
        await _bus.Publish(spam, c => c.MessageId = spam.EventId);
        await Eventually.Get(() => DiscoveredAsync(), m => m.Count > 0, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1)); // room for a duplicate to show up

        var discovered = Assert.Single(await DiscoveredAsync());
        Assert.Equal(("dave@sources.example", "firstSpam"), (discovered["email"]!.GetValue<string>(), discovered["source"]!.GetValue<string>()));
        var dave = JsonNode.Parse(await _admin.GetStringAsync($"/v1/domains/{Domain}/users/dave@sources.example"))!;
        Assert.Equal(("firstSpam", "active"), (dave["source"]!.GetValue<string>(), dave["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Discovers_each_address_once_when_a_first_spam_a_login_and_an_admin_race()
    {
        var addresses = Enumerable.Range(0, 30).Select(i => $"racer{i}@sources.example").ToList();

        await Task.WhenAll(addresses.SelectMany(email => new[]
        {
            Task.Run(() => _bus.Publish(FirstSpam(email))),
            Task.Run(() => _bus.Publish(Login(email))),
            Task.Run(async () => (await _admin.PostAsJsonAsync($"/v1/domains/{Domain}/users", new { email })).Dispose()),
        }));
        var users = await Eventually.Get(ListAsync, u => u.Count == addresses.Count && u.All(x => x["lastLogin"] is not null), TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1));

        var discovered = await DiscoveredAsync();
        Assert.Equal(addresses.Order(StringComparer.Ordinal), discovered.Select(m => m["email"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        // The source announced is the one the registry kept: whoever won the race.
        var sources = users.ToDictionary(u => u["email"]!.GetValue<string>(), u => u["source"]!.GetValue<string>());
        Assert.All(discovered, m => Assert.Equal(sources[m["email"]!.GetValue<string>()], m["source"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Discovers_each_address_once_when_first_spams_arrive_during_a_directory_sync()
    {
        await using var ldap = await LdapSubtree.CreateAsync();
        var addresses = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            addresses.Add((await ldap.AddUserAsync($"member{i}", $"member{i}@sources.example")).Mail!);
        }

        var settings = ldap.Settings();
        settings["automaticSync"] = false;
        (await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings)).EnsureSuccessStatusCode();
        var spams = Task.WhenAll(addresses.Select(email => _bus.Publish(FirstSpam(email))));
        var run = await SyncApi.SyncAsync(_admin, Domain);
        await spams;
        await Eventually.Get(() => DiscoveredAsync(), m => m.Count >= addresses.Count, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2)); // the consumers finish what they received

        Assert.True(run["run"]!["status"]!.GetValue<string>() == "completed", run.ToJsonString());
        var discovered = await DiscoveredAsync();
        Assert.Equal(addresses.Order(StringComparer.Ordinal), discovered.Select(m => m["email"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    private Task<List<JsonNode>> DiscoveredAsync() => SyncApi.OutboxAsync(_host.ConnectionString, "UserDiscovered");

    private async Task<List<JsonNode>> ListAsync()
    {
        var page = JsonNode.Parse(await _admin.GetStringAsync($"/v1/domains/{Domain}/users?q=racer&limit=100"))!;
        return [.. page["users"]!.AsArray().Select(u => u!)];
    }

    private static FirstSpamDetected FirstSpam(string email) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = Domain, Email = email, QuarantineId = Guid.NewGuid().ToString("N"),
    };

    private static LoginSucceeded Login(string email) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = Domain, Email = email, Method = LoginMethods.Password, FirstLogin = true,
    };
}

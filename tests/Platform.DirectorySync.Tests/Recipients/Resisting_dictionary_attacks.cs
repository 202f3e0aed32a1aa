using System.Net;
using System.Net.Http.Json;
using Platform.DirectorySync.Tests.Sync;
using Platform.Security;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Recipients;

public sealed class Resisting_dictionary_attacks : IAsyncLifetime
{
    private const string Domain = "guard.example";
    private const string Attacker = "198.51.100.7";
    private const string Neighbour = "192.0.2.10";
    private readonly PeerAddressHost<Program> _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _host.With("Recipients:Guard:InvalidPerClient", "20").With("Recipients:Guard:BlockAt", "60")
            .With("Recipients:Guard:InvalidPerDomain", "100000");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Throttles_then_blocks_a_client_probing_thousands_of_addresses_while_another_clients_valid_lookups_keep_answering()
    {
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@guard.example", Domain));
        (await admin.PostAsJsonAsync($"/v1/domains/{Domain}/users", new { email = "real@guard.example" })).EnsureSuccessStatusCode();
        using var filter = _host.CreateClient().As(new PlatformTokenRequest("smtp-edge", [PlatformRoles.MailFilter]));
        await Eventually.Get(() => Status(filter, "real@guard.example", Neighbour), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(15));

        var attacker = new List<HttpResponseMessage>();
        var neighbour = new List<HttpStatusCode>();
        for (var i = 0; i < 2000; i++)
        {
            // The attacker also forges X-Forwarded-For: it is not a trusted proxy, so that changes nothing.
            attacker.Add(await Lookup(filter, $"guess{i}@guard.example", Attacker, forwardedFor: $"203.0.113.{i % 250}"));
            if (i % 100 == 0)
            {
                neighbour.Add(await Status(filter, "real@guard.example", Neighbour));
            }
        }

        var codes = attacker.Select(r => r.StatusCode).ToList();
        Assert.All(codes.Take(20), c => Assert.Equal(HttpStatusCode.OK, c));
        Assert.Equal(HttpStatusCode.TooManyRequests, codes[20]);
        Assert.True(attacker[20].Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.Equal("client_blocked", await Code(attacker[^1]));
        Assert.True(attacker[^1].Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(10));
        Assert.All(neighbour, c => Assert.Equal(HttpStatusCode.OK, c));
        var reported = Assert.Single(await SyncApi.OutboxAsync(_host.ConnectionString, "DictionaryAttackSuspected"));
        Assert.Equal(("client", Attacker, Domain),
            (reported["scope"]!.GetValue<string>(), reported["clientAddress"]!.GetValue<string>(), reported["domain"]!.GetValue<string>()));
    }

    private static async Task<HttpResponseMessage> Lookup(HttpClient filter, string email, string peer, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/recipients/{email}");
        request.Headers.Add(PeerAddressHost<Program>.PeerHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        var response = await filter.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<HttpStatusCode> Status(HttpClient filter, string email, string peer)
    {
        using var response = await Lookup(filter, email, peer);
        return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadFromJsonAsync<Verdict>())!.Valid ? HttpStatusCode.OK : response.StatusCode;
    }

    private static async Task<string> Code(HttpResponseMessage response) =>
        System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>();

    private sealed record Verdict(bool Valid);
}

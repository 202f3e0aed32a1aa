using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Platform.DirectorySync.Recipients;
using Platform.Security;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Recipients;

/// <summary>Recipient lookups by answer and dictionary-attack episodes, for the filter's SREs: no address, domain or client in a tag.</summary>
public sealed class Counting_lookups : IAsyncLifetime
{
    private const string Domain = "lookups.example";
    private readonly PeerAddressHost<Program> _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _host.With("Recipients:Guard:InvalidPerClient", "3").With("Recipients:Guard:BlockAt", "6").With("Recipients:Guard:InvalidPerDomain", "100000");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Counts_valid_invalid_and_refused_lookups_and_one_attack_episode_per_client()
    {
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{Domain}", Domain));
        (await admin.PostAsJsonAsync($"/v1/domains/{Domain}/users", new { email = $"real@{Domain}" })).EnsureSuccessStatusCode();
        using var filter = _host.CreateClient().As(new PlatformTokenRequest("smtp-edge", [PlatformRoles.MailFilter]));
        // Until the index has the user, each try answers "invalid": each from a peer of its own, so that neither the
        // guard's counts of the measured clients nor its throttling depend on how long that takes.
        var tries = 0;
        await Eventually.Get(() => StatusAsync(filter, $"real@{Domain}", $"203.0.113.{++tries % 250}"), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(15));
        var meters = _host.Services.GetRequiredService<IMeterFactory>();
        using var lookups = new MetricCollector<long>(meters, "Platform.DirectorySync", RecipientMetrics.LookupsName);
        using var attacks = new MetricCollector<long>(meters, "Platform.DirectorySync", RecipientMetrics.AttacksName);

        await StatusAsync(filter, $"real@{Domain}", "192.0.2.10");
        await StatusAsync(filter, "someone@not-served.example", "192.0.2.10");
        await StatusAsync(filter, "no address", "192.0.2.10");
        for (var i = 0; i < 10; i++)
        {
            await StatusAsync(filter, $"guess{i}@{Domain}", "198.51.100.7");
        }

        var answers = lookups.GetMeasurementSnapshot().GroupBy(m => $"{m.Tags[RecipientMetrics.AnswerTag]}").ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        // The attacker: three invalid answers, then throttled until its refusals reach BlockAt (6), then blocked.
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["valid"] = 1, ["domain_not_served"] = 1, ["invalid_email"] = 1, ["invalid"] = 3, ["too_many_invalid_lookups"] = 3, ["client_blocked"] = 4,
            },
            answers);
        var episode = Assert.Single(attacks.GetMeasurementSnapshot());
        Assert.Equal((1, "client"), (episode.Value, $"{episode.Tags[RecipientMetrics.ScopeTag]}"));
        Assert.DoesNotContain(lookups.GetMeasurementSnapshot().SelectMany(m => m.Tags), t => $"{t.Value}".Contains('.', StringComparison.Ordinal));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient filter, string email, string peer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/recipients/{Uri.EscapeDataString(email)}");
        request.Headers.Add(PeerAddressHost<Program>.PeerHeader, peer);
        using var response = await filter.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadFromJsonAsync<Verdict>())!.Valid ? HttpStatusCode.OK : response.StatusCode;
    }

    private sealed record Verdict(bool Valid);
}

using System.Net;
using System.Text.Json.Nodes;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Sync;

/// <summary>
/// <c>POST .../directory/test</c> and <c>.../directory/sync</c> are rate limited per domain (here two per minute):
/// past the limit 429 <c>too_many_requests</c> with Retry-After; other domains keep theirs. The domains need no
/// directory for it: the limiter answers before the endpoint does (404 directory_not_configured until then).
/// </summary>
public sealed class Limiting_directory_requests_per_domain : IAsyncLifetime
{
    private const string Domain = "limited.example";
    private const string Other = "unlimited.example";
    private readonly ServiceHost<Program> _host = new();
    private HttpClient _admin = null!;
    private HttpClient _otherAdmin = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _host.With("DirectorySync:RateLimits:Test:PermitLimit", "2").With("DirectorySync:RateLimits:Test:Window", "00:01:00")
            .With("DirectorySync:RateLimits:Sync:PermitLimit", "2").With("DirectorySync:RateLimits:Sync:Window", "00:01:00");
        _admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@limited.example", Domain));
        _otherAdmin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@unlimited.example", Other));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("directory/test")]
    [InlineData("directory/sync")]
    public async Task Answers_429_with_retry_after_past_the_domains_limit_and_leaves_other_domains_alone(string endpoint)
    {
        var first = await _admin.PostAsync($"/v1/domains/{Domain}/{endpoint}", null);
        // Spelled otherwise, the same domain: the same permits.
        var second = await _admin.PostAsync($"/v1/domains/Limited.Example/{endpoint}", null);
        var third = await _admin.PostAsync($"/v1/domains/{Domain}/{endpoint}", null);
        var elsewhere = await _otherAdmin.PostAsync($"/v1/domains/{Other}/{endpoint}", null);

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var problem = JsonNode.Parse(await third.Content.ReadAsStringAsync())!;
        Assert.Equal("too_many_requests", problem["code"]!.GetValue<string>());
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        var retryAfter = Assert.Single(third.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Counts_tests_and_syncs_apart()
    {
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsync($"/v1/domains/{Domain}/directory/test", null)).StatusCode);
        }

        var sync = await _admin.PostAsync($"/v1/domains/{Domain}/directory/sync", null);

        Assert.Equal(HttpStatusCode.NotFound, sync.StatusCode);
    }

    [Fact]
    public async Task Spends_no_permit_on_requests_refused_by_authorization()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await _otherAdmin.PostAsync($"/v1/domains/{Domain}/directory/sync", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsync($"/v1/domains/{Domain}/directory/sync", null)).StatusCode);
    }
}

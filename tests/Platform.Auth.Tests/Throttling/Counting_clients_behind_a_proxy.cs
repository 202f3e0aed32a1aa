using System.Net;
using System.Net.Http.Json;
using Platform.Auth.Tests.Login;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Throttling;

/// <summary>
/// The per-client login throttle through the service's whole pipeline: ASP.NET Core's forwarded headers with the
/// configured proxy network (10.0.0.0/8), then auth's count per client address. Development trusts loopback too,
/// where the panel runs (<c>appsettings.Development.json</c>): the browser address the panel forwards is counted.
/// </summary>
public sealed class Counting_clients_behind_a_proxy : IAsyncLifetime
{
    private const string Proxy = "10.0.0.5";
    private DirectoryLoginHost _auth = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("proxied.example", host => host
            .With("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8").With("Auth:Lockout:ClientAttemptsPerMinute", "3"));
        await _auth.PublishDirectoryAsync();
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Counts_each_client_a_trusted_proxy_forwards_for_on_its_own()
    {
        var first = await AttemptsAsync(Proxy, _ => "198.51.100.1", 4);
        var second = await AttemptsAsync(Proxy, _ => "198.51.100.2", 1);

        Assert.Equal([false, false, false, true], first);
        Assert.Equal([false], second);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Counts_the_browser_the_panel_on_loopback_forwards_for(string panel)
    {
        var first = await AttemptsAsync(panel, _ => "198.51.100.41", 4);
        var second = await AttemptsAsync(panel, _ => "198.51.100.42", 1);

        Assert.Equal([false, false, false, true], first);
        Assert.Equal([false], second);
    }

    [Fact]
    public async Task Counts_a_peer_that_is_no_trusted_proxy_as_itself_whatever_it_forwards()
    {
        var forged = await AttemptsAsync("203.0.113.9", i => $"198.51.100.{i + 10}", 4);

        Assert.Equal([false, false, false, true], forged);
    }

    /// <summary>Logins of unknown users (no account lock interferes) from <paramref name="peer"/>; for each, whether it was throttled (429).</summary>
    private async Task<List<bool>> AttemptsAsync(string peer, Func<int, string> forwardedFor, int count)
    {
        var throttled = new List<bool>();
        for (var i = 0; i < count; i++)
        {
            using var client = _auth.Host.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/login")
            {
                Content = JsonContent.Create(new { email = $"nobody{i}@proxied.example", password = "not a password of anyone" }),
            };
            request.Headers.Add(PeerAddressHost<Program>.PeerHeader, peer);
            request.Headers.Add("X-Forwarded-For", forwardedFor(i));
            using var response = await client.SendAsync(request);
            throttled.Add(response.StatusCode == HttpStatusCode.TooManyRequests);
        }

        return throttled;
    }
}

using System.Net;
using System.Net.Http.Json;
using Platform.Auth.Tests.Login;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Throttling;

/// <summary>
/// The panel signs people in through auth and forwards each browser's address. In Development auth trusts loopback,
/// where the panel runs (<c>appsettings.Development.json</c>, no setting given): the address the panel forwards is
/// the one counted; the same header from a peer that is no trusted proxy is ignored.
/// </summary>
public sealed class Counting_clients_behind_the_panel : IAsyncLifetime
{
    private DirectoryLoginHost _auth = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("panel-proxied.example", host => host.With("Auth:Lockout:ClientAttemptsPerMinute", "3"));
        await _auth.PublishDirectoryAsync();
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

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
    public async Task Ignores_what_a_peer_that_is_no_trusted_proxy_forwards()
    {
        var forged = await AttemptsAsync("203.0.113.19", i => $"198.51.100.{i + 50}", 4);

        Assert.Equal([false, false, false, true], forged);
    }

    /// <summary>Logins of unknown users from <paramref name="peer"/>; for each, whether it was throttled (429).</summary>
    private async Task<List<bool>> AttemptsAsync(string peer, Func<int, string> forwardedFor, int count)
    {
        var throttled = new List<bool>();
        for (var i = 0; i < count; i++)
        {
            using var client = _auth.Host.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/login")
            {
                Content = JsonContent.Create(new { email = $"nobody{i}@panel-proxied.example", password = "not a password of anyone" }),
            };
            request.Headers.Add(PeerAddressHost<Program>.PeerHeader, peer);
            request.Headers.Add("X-Forwarded-For", forwardedFor(i));
            using var response = await client.SendAsync(request);
            throttled.Add(response.StatusCode == HttpStatusCode.TooManyRequests);
        }

        return throttled;
    }
}

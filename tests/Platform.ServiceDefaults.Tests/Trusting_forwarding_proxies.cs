using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Platform.ServiceDefaults.Http;
using Xunit;

namespace Platform.ServiceDefaults.Tests;

public sealed class Trusting_forwarding_proxies
{
    private const string PeerHeader = "X-Test-Peer";

    [Theory]
    [InlineData("203.0.113.9", "198.51.100.1", "203.0.113.9")]
    [InlineData("10.0.0.5", "198.51.100.1", "198.51.100.1")]
    [InlineData("10.0.0.5", "198.51.100.1, 10.0.0.6", "198.51.100.1")]
    [InlineData("10.0.0.5", "203.0.113.7, 198.51.100.1, 10.0.0.6", "198.51.100.1")]
    [InlineData("10.0.0.5", null, "10.0.0.5")]
    [InlineData("::ffff:10.0.0.5", "2001:db8::7", "2001:db8::/64")]
    [InlineData("10.0.0.5", "198.51.100.1:5678", "198.51.100.1")]
    [InlineData("10.0.0.5", "[2001:db8:1:2::7]:443", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:ffff::1", "192.0.2.44", "192.0.2.44")]
    [InlineData("2001:db8:1:2:aaaa::1", null, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:aaaa::1", "192.0.2.44", "2001:db8:1:2::/64")]
    public async Task Believe_X_Forwarded_For_only_from_the_configured_proxy_networks(string peer, string? forwardedFor, string expected)
    {
        await using var app = await StartAsync("Production", new()
        {
            ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8",
            ["ForwardedHeaders:KnownProxies:0"] = "2001:db8:ffff::1",
        });

        Assert.Equal(expected, await ClientAsync(app, peer, forwardedFor));
    }

    [Fact]
    public async Task Believe_nobody_when_nothing_is_configured_not_even_loopback()
    {
        await using var app = await StartAsync("Production", []);

        Assert.Equal("127.0.0.1", await ClientAsync(app, "127.0.0.1", "198.51.100.1"));
    }

    [Fact]
    public async Task Take_the_networks_as_one_comma_separated_setting_too()
    {
        await using var app = await StartAsync("Production", new() { ["ForwardedHeaders:KnownNetworks"] = "192.168.0.0/16, 10.0.0.0/8" });

        Assert.Equal("198.51.100.1", await ClientAsync(app, "10.1.2.3", "198.51.100.1"));
        Assert.Equal("198.51.100.2", await ClientAsync(app, "192.168.7.7", "198.51.100.2"));
    }

    [Fact]
    public void Refuse_to_start_on_a_network_that_is_not_one()
    {
        var builder = Builder("Production", new() { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/33" });

        Assert.ThrowsAny<FormatException>(() => builder.AddPlatformForwardedHeaders());
    }

    [Fact]
    public async Task Warn_once_in_production_naming_the_setting_when_an_untrusted_peer_forwards()
    {
        await using var app = await StartAsync("Production", new() { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8" });

        await ClientAsync(app, "10.0.0.5", "198.51.100.1");
        await ClientAsync(app, "203.0.113.9", null);
        var first = Warnings(app).Count;
        await ClientAsync(app, "203.0.113.9", "198.51.100.1");
        await ClientAsync(app, "203.0.113.10", "198.51.100.2");

        Assert.Equal(0, first);
        var warning = Assert.Single(Warnings(app));
        Assert.Contains("ForwardedHeaders__KnownNetworks", warning, StringComparison.Ordinal);
        Assert.Contains("203.0.113.9", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Staging")]
    public async Task Stay_quiet_outside_production(string environment)
    {
        await using var app = await StartAsync(environment, []);

        await ClientAsync(app, "203.0.113.9", "198.51.100.1");

        Assert.Empty(Warnings(app));
    }

    private static WebApplicationBuilder Builder(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddFakeLogging();
        return builder;
    }

    private static async Task<WebApplication> StartAsync(string environment, Dictionary<string, string?> settings)
    {
        var app = Builder(environment, settings).AddPlatformForwardedHeaders().Build();
        // The in-memory server has no sockets: the peer comes from a test header, before anything else looks.
        app.Use((context, next) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader]!);
            return next(context);
        });
        app.UsePlatformForwardedHeaders();
        app.MapGet("/client", (HttpContext http) => ClientAddresses.KeyOf(http));
        await app.StartAsync();
        return app;
    }

    private static async Task<string> ClientAsync(WebApplication app, string peer, string? forwardedFor)
    {
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/client");
        request.Headers.Add(PeerHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static List<string> Warnings(WebApplication app) =>
        [.. app.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Message)];
}

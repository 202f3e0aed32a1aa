using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Platform.Security.Tokens;
using Platform.ServiceDefaults;

namespace Platform.Bench;

/// <summary>
/// A service, composed exactly as its Program does (<paramref name="compose"/>, <paramref name="map"/>), run in this
/// process on a free loopback port against the local infrastructure (settings from the environment
/// <c>./platform bench</c> loads), in its own schema.
/// </summary>
internal sealed class BenchService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PlatformTokenIssuer _issuer;

    private BenchService(WebApplication app, PlatformTokenIssuer issuer, Uri address)
    {
        _app = app;
        _issuer = issuer;
        Address = address;
    }

    public Uri Address { get; }

    public WebApplication App => _app;

    public static async Task<BenchService> StartAsync(
        string schema, Action<WebApplicationBuilder> compose, Action<WebApplication> map, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = FreePort();
        // Content root beside the binaries: the default (the working directory, the repository) has the local
        // infrastructure's data below it, and the configuration file watcher would follow every write of it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EventStore:Schema"] = schema,
            // A fresh schema of the benchmark's own: the service applies it at start-up, as in Development.
            ["EventStore:ApplySchemaOnStartup"] = "true",
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Logging:LogLevel:Default"] = "Warning",
            // The benchmarks' directories live on loopback, as ./platform up allows (kept when the environment says more).
            ["Egress:AllowedNetworks"] = builder.Configuration["Egress:AllowedNetworks"] ?? BenchEgress.LoopbackNetworks,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        compose(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        map(app);
        await app.StartAsync();

        var options = new PlatformTokenOptions
        {
            Issuer = Required(builder.Configuration, "Auth:Issuer"),
            Audience = Required(builder.Configuration, "Auth:Audience"),
            SigningKey = Required(builder.Configuration, "Auth:SigningKey"),
        };
        return new BenchService(app, new PlatformTokenIssuer(options), new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>A client with its own connection pool sending <paramref name="request"/>'s token.</summary>
    public HttpClient Client(PlatformTokenRequest request)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _issuer.Issue(request, TimeSpan.FromHours(1)).Token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Required(IConfiguration configuration, string key) =>
        configuration[key] ?? throw new InvalidOperationException($"{key} is not set: run through './platform bench', which loads .platform/env.");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Security.Authentication;

namespace Platform.Security.Tests;

/// <summary>
/// A real ASP.NET Core host in memory, set up the way a service is: problem details, exception handler, status code
/// pages, then <see cref="PlatformAuthentication.AddPlatformAuthentication"/> with the given settings only.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApp(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static WebApplication Build(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        // Only the test's settings: Auth__* variables in the environment must not make a "missing setting" test pass.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddProblemDetails();
        builder.Services.AddPlatformAuthentication(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        map?.Invoke(app);
        return app;
    }

    public static async Task<TestApp> StartAsync(IDictionary<string, string?> settings, Action<WebApplication> map)
    {
        var app = Build(settings, map: map);
        await app.StartAsync();
        return new TestApp(app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}

using System.Globalization;
using System.Net;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Outbox.Relay;
using Xunit.Abstractions;

namespace Platform.Outbox.Tests.Outbox;

/// <summary>
/// A service reduced to its outbox relay, hosted in the test: the relay registered as every event-sourced service
/// registers it (<see cref="OutboxRelayServiceCollectionExtensions.AddPlatformOutboxRelay"/>, with its health check)
/// on a bus of the test's, and <c>/health/live</c> running the checks tagged <c>live</c>, as Platform.ServiceDefaults
/// maps it.
/// </summary>
internal sealed class RelayService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private RelayService(WebApplication app)
    {
        _app = app;
        _client = app.GetTestClient();
    }

    public OutboxRelay Relay => _app.Services.GetRequiredService<OutboxRelay>();

    public static async Task<RelayService> StartAsync(TestStore store, IBus bus, TimeSpan stalledAfter, ITestOutputHelper output)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EventStore:Outbox:StalledAfter"] = stalledAfter.ToString("c", CultureInfo.InvariantCulture),
            ["EventStore:Outbox:PollInterval"] = "00:00:00.2",
            ["EventStore:Outbox:PublishTimeout"] = "00:00:01",
            ["EventStore:Outbox:MinRetryDelay"] = "00:00:00.1",
            ["EventStore:Outbox:MaxRetryDelay"] = "00:00:00.5",
        });
        builder.Services.AddSingleton(store.Outbox);
        builder.Services.AddSingleton(bus);
        builder.Services.AddSingleton<ILogger<OutboxRelay>>(new TestOutputLogger<OutboxRelay>(output));
        builder.Services.AddPlatformOutboxRelay(builder.Configuration);
        var app = builder.Build();
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
            ResponseWriter = (context, report) => context.Response.WriteAsync(
                string.Join('\n', report.Entries.Select(e => $"{e.Key}: {e.Value.Status}: {e.Value.Description}"))),
        });
        await app.StartAsync();
        return new RelayService(app);
    }

    public async Task<(HttpStatusCode Status, string Body)> GetLiveAsync()
    {
        using var response = await _client.GetAsync(new Uri("/health/live", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}

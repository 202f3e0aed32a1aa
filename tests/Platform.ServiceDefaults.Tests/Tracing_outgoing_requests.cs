using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Telemetry;
using Platform.Testing;
using Xunit;

namespace Platform.ServiceDefaults.Tests;

/// <summary>
/// HttpClient spans of a host with the platform's telemetry, exported over OTLP: no service calls HTTP today, so a
/// host of its own in this process makes the call, to the receiver itself, with an address in the path and query.
/// (The instrumentation hears other tests' HttpClient calls in this process too: the test picks its own call by URL.)
/// </summary>
public sealed class Tracing_outgoing_requests
{
    [Fact]
    public async Task Exports_the_url_without_the_address_in_its_path_or_its_query()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        builder.AddPlatformTelemetry("outgoing-probe");
        builder.Services.AddHttpClient();
        await using var app = builder.Build();
        await app.StartAsync();
        var address = $"carol.{Guid.NewGuid():N}@example.test";
        var path = $"/v1/recipients/{Uri.EscapeDataString(address)}";

        using var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        (await http.GetAsync($"{receiver.Endpoint}{path}?email={Uri.EscapeDataString(address)}")).Dispose();

        // HttpClient's instrumentation hears every HttpClient of the process: other tests' calls run beside this one,
        // so only the calls to this receiver's recipients path are this test's.
        var spans = await Eventually.Get(
            () => Task.FromResult(receiver.Spans.Where(s => s.Service == "outgoing-probe" && s.Scope == "System.Net.Http"
                && s.Attributes.TryGetValue("url.full", out var url) && url.StartsWith($"{receiver.Endpoint}/v1/recipients/", StringComparison.Ordinal)).ToList()),
            s => s.Count > 0,
            TimeSpan.FromSeconds(20));

        var call = Assert.Single(spans);
        Assert.Equal($"{receiver.Endpoint}/v1/recipients/{PersonalPaths.Redacted}", call.Attributes["url.full"]);
        Assert.DoesNotContain(call.Attributes.Values, v => v.Contains(address.Split('@')[0], StringComparison.Ordinal));
    }
}

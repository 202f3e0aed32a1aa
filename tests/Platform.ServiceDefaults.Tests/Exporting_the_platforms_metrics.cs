using System.Net.Http.Json;
using System.Text;
using Platform.Testing;
using Xunit;

namespace Platform.ServiceDefaults.Tests;

/// <summary>
/// The services' own meters (<c>Platform.*</c>, some created by the host's IMeterFactory) reach the OTLP exporter, not
/// only a MeterListener in a test: what SREs read in their metrics backend.
/// </summary>
public sealed class Exporting_the_platforms_metrics
{
    [Fact]
    public async Task Sends_the_login_counter_and_the_outbox_gauges_over_OTLP()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        await using var service = ServiceProcess.Start("Platform.Auth", vhost, database, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        await service.WaitUntilReady();

        using var http = new HttpClient();
        await http.PostAsJsonAsync($"http://127.0.0.1:{service.Port}/v1/login", new { email = "not an address", password = "x" });

        // Protobuf keeps names and string attribute values as UTF-8.
        string[] expected = ["platform.auth.logins", "platform.login.result", "invalid_email", "platform.outbox.depth", "platform.outbox.oldest_age"];
        var metrics = await Eventually.Get(
            () => Task.FromResult(receiver.Requests.Where(r => r.Path == "/v1/metrics").Select(r => Encoding.UTF8.GetString(r.Body)).ToList()),
            bodies => expected.All(name => bodies.Any(b => b.Contains(name, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(20));
        Assert.All(expected, name => Assert.Contains(metrics, b => b.Contains(name, StringComparison.Ordinal)));
    }
}

using System.Text;
using System.Text.Json;
using Platform.Testing;
using Xunit;

namespace Platform.ServiceDefaults.Tests;

public sealed class A_running_service
{
    [Fact]
    public async Task Logs_json_lines_that_carry_the_callers_trace_id()
    {
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        await using var service = ServiceProcess.Start("Platform.Auth", vhost, database, new Dictionary<string, string>
        {
            // Request logging is off by default; switched on so that a request writes a line.
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        await service.WaitUntilReady();
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{service.Port}/health/live");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        (await http.SendAsync(request)).EnsureSuccessStatusCode();

        var line = await Eventually.Get(
            () => Task.FromResult(service.Output.FirstOrDefault(l => l.Contains(traceId, StringComparison.Ordinal))),
            l => l is not null,
            TimeSpan.FromSeconds(10));
        Assert.True(line is not null, "No log line with the trace id:\n" + string.Join('\n', service.Output));
        var json = JsonDocument.Parse(line).RootElement;
        var scope = json.GetProperty("Scopes").EnumerateArray().First(s => s.TryGetProperty("TraceId", out _));
        Assert.Equal(traceId, scope.GetProperty("TraceId").GetString());
        Assert.Matches("^[0-9a-f]{16}$", scope.GetProperty("SpanId").GetString());
        Assert.True(json.TryGetProperty("Message", out _));
    }

    [Fact]
    public async Task Exports_traces_metrics_and_logs_over_OTLP_when_an_endpoint_is_set()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        await using var service = ServiceProcess.Start("Platform.Auth", vhost, database, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        await service.WaitUntilReady();

        using var http = new HttpClient();
        // Not a health probe: those are not traced (Tracing_requests).
        (await http.GetAsync($"http://127.0.0.1:{service.Port}/openapi/v1.json")).EnsureSuccessStatusCode();

        var signals = await Eventually.Get(
            () => Task.FromResult(receiver.Requests.Select(r => r.Path).Distinct().ToHashSet()),
            paths => paths.IsSupersetOf(["/v1/traces", "/v1/metrics", "/v1/logs"])
                && receiver.Requests.Any(r => Contains(r.Body, "GET /openapi/{documentName}.json")),
            TimeSpan.FromSeconds(20));
        Assert.Superset(new HashSet<string> { "/v1/traces", "/v1/metrics", "/v1/logs" }, signals);
        var traces = receiver.Requests.Where(r => r.Path == "/v1/traces").ToList();
        Assert.All(traces, r => Assert.Equal("application/x-protobuf", r.ContentType));
        // Protobuf keeps strings as UTF-8: the resource names the service, and a span names the request's route.
        Assert.Contains(traces, r => Contains(r.Body, "service.name") && Contains(r.Body, "auth"));
        Assert.Contains(traces, r => Contains(r.Body, "GET /openapi/{documentName}.json"));
    }

    [Fact]
    public async Task Refuses_to_start_without_its_database_and_says_which_setting_is_missing()
    {
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        await using var service = ServiceProcess.Start("Platform.Auth", vhost, database, new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = "",
        });

        var exitCode = await service.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(service.Output, line => line.Contains("Missing required settings: ConnectionStrings__Postgres", StringComparison.Ordinal));
    }

    private static bool Contains(byte[] body, string text) =>
        body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}

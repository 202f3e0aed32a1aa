using System.Net.Http.Json;
using System.Text;
using Platform.Testing;
using Xunit;

namespace Platform.ServiceDefaults.Tests;

/// <summary>
/// The spans a running service exports over OTLP, decoded from the protobuf it sent: what names them, what they leave
/// out (addresses, health probes) and which are kept (<c>OTEL_TRACES_SAMPLER</c>).
/// </summary>
public sealed class Tracing_requests
{
    [Fact]
    public async Task Names_routes_not_addresses_and_leaves_health_probes_out()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        await using var service = ServiceProcess.Start("Platform.Auth", vhost, database, Exporting(receiver, new()
        {
            ["OTEL_RESOURCE_ATTRIBUTES"] = "k8s.pod.name=auth-7d9f-x2x4q",
        }));
        await service.WaitUntilReady();
        var address = $"alice.{Guid.NewGuid():N}@example.test";
        var (probeTrace, routeTrace, strayTrace) = (NewTraceId(), NewTraceId(), NewTraceId());

        using var http = new HttpClient { BaseAddress = service.Address };
        await SendAsync(http, HttpMethod.Get, "/health/ready", probeTrace);
        await SendAsync(http, HttpMethod.Get, "/health/live", probeTrace);
        await SendAsync(http, HttpMethod.Delete, $"/v1/admin/accounts/{address}?reason={Uri.EscapeDataString(address)}", routeTrace);
        await SendAsync(http, HttpMethod.Get, $"/v1/no-such-route/{Uri.EscapeDataString(address)}/x", strayTrace);

        var spans = await Eventually.Get(
            () => Task.FromResult(receiver.Spans),
            s => s.Any(span => span.TraceId == routeTrace) && s.Any(span => span.TraceId == strayTrace),
            TimeSpan.FromSeconds(20));

        var route = Assert.Single(spans, s => s.TraceId == routeTrace && s.Scope == "Microsoft.AspNetCore");
        var stray = Assert.Single(spans, s => s.TraceId == strayTrace && s.Scope == "Microsoft.AspNetCore");
        // The route as mapped: a group "/v1/admin/accounts/{email}" with MapDelete("/").
        Assert.Equal("/v1/admin/accounts/{email}/", route.Attributes["http.route"]);
        Assert.Equal("DELETE /v1/admin/accounts/{email}/", route.Name);
        Assert.Equal("/v1/admin/accounts/{email}", route.Attributes["url.path"]);
        Assert.Equal("?reason=Redacted", route.Attributes["url.query"]);
        Assert.Equal("/v1/no-such-route/{redacted}/x", stray.Attributes["url.path"]);
        Assert.Equal("404", stray.Attributes["http.response.status_code"]);
        // Nowhere in what was exported — span names, attributes, resource — in plain or percent-encoded form.
        var local = address.Split('@')[0];
        Assert.DoesNotContain(receiver.Requests, r => r.Path == "/v1/traces" && Encoding.UTF8.GetString(r.Body).Contains(local, StringComparison.Ordinal));
        // The probes came first and were sent in the same batches or earlier ones: none of their spans, nor the SQL under them.
        Assert.DoesNotContain(spans, s => s.TraceId == probeTrace);
        Assert.DoesNotContain(spans, s => s.Name.Contains("/health", StringComparison.Ordinal));

        Assert.Equal("auth", route.Resource["service.name"]);
        Assert.Equal("platform", route.Resource["service.namespace"]);
        Assert.Equal("development", route.Resource["deployment.environment"]);
        Assert.False(string.IsNullOrEmpty(route.Resource["service.version"]));
        Assert.Equal("auth-7d9f-x2x4q", route.Resource["k8s.pod.name"]);
    }

    [Fact]
    public async Task Keeps_or_drops_each_flow_whole_as_OTEL_TRACES_SAMPLER_says_with_its_SQL()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        // No new trace is started here; a caller's decision is followed either way.
        await using var service = ServiceProcess.Start("Platform.Auth", vhost, database, Exporting(receiver, new()
        {
            ["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio",
            ["OTEL_TRACES_SAMPLER_ARG"] = "0",
        }));
        await service.WaitUntilReady();
        var (dropped, kept) = (NewTraceId(), NewTraceId());

        using var http = new HttpClient { BaseAddress = service.Address };
        var login = new { email = $"bob@{Guid.NewGuid():N}.example.test", password = "not the password" };
        (await http.PostAsJsonAsync("/v1/login", login)).Dispose();
        await SendAsync(http, HttpMethod.Post, "/v1/login", dropped, sampled: false, JsonContent.Create(login));
        await SendAsync(http, HttpMethod.Post, "/v1/login", kept, sampled: true, JsonContent.Create(login));

        var spans = await Eventually.Get(
            () => Task.FromResult(receiver.Spans),
            s => s.Any(span => span.TraceId == kept && span.Scope == "Microsoft.AspNetCore"),
            TimeSpan.FromSeconds(20));

        var request = Assert.Single(spans, s => s.TraceId == kept && s.Scope == "Microsoft.AspNetCore");
        Assert.Equal("POST /v1/login", request.Name);
        // The login read the database: Npgsql's spans are in the caller's trace, under the request.
        var sql = spans.Where(s => s.TraceId == kept && s.Scope == "Npgsql").ToList();
        Assert.NotEmpty(sql);
        Assert.All(sql, s => Assert.NotNull(s.ParentSpanId));
        // Both earlier requests ended before the kept one began, so their spans would have come first.
        Assert.DoesNotContain(spans, s => s.Name == "POST /v1/login" && s.TraceId != kept);
        Assert.DoesNotContain(spans, s => s.TraceId == dropped);
    }

    private static Dictionary<string, string> Exporting(OtlpReceiver receiver, Dictionary<string, string> settings)
    {
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint;
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        return settings;
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, string traceId, bool sampled = true, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-{(sampled ? "01" : "00")}");
        (await http.SendAsync(request)).Dispose();
    }

    private static string NewTraceId() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
}

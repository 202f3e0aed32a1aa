using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Testing;

/// <summary>
/// A minimal OTLP/HTTP endpoint on 127.0.0.1 (the protocol Jaeger's collector speaks on 4318) that keeps each
/// request's path, content type and protobuf body, and reads the spans of the traces it received.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> Requests { get; } = new();

    /// <summary>The base address to give a service as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with http/protobuf).</summary>
    public string Endpoint => _app.Urls.Single();

    /// <summary>Every span received so far, from every service that exported to this endpoint.</summary>
    public IReadOnlyList<ReceivedSpan> Spans =>
        [.. Requests.Where(r => r.Path == "/v1/traces").SelectMany(r => OtlpTraces.Decode(r.Body))];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver.Requests.Enqueue((context.Request.Path, context.Request.ContentType, body.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

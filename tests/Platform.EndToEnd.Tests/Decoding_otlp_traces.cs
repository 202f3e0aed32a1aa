using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.Testing;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>The test's OTLP receiver reads what the OpenTelemetry SDK's exporter sends, as the services' exporters do.</summary>
public sealed class Decoding_otlp_traces
{
    [Fact]
    public async Task Reads_ids_parents_names_attributes_and_the_service_of_exported_spans()
    {
        await using var otlp = await OtlpReceiver.StartAsync();
        var sourceName = "Platform.Tests.Otlp." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        string traceId, parentId, childId;
        using (var tracing = Sdk.CreateTracerProviderBuilder()
                   .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("decoder-test"))
                   .AddSource(sourceName)
                   .AddOtlpExporter(o =>
                   {
                       o.Endpoint = new Uri(otlp.Endpoint + "/v1/traces");
                       o.Protocol = OtlpExportProtocol.HttpProtobuf;
                   })
                   .Build())
        {
            using (var parent = source.StartActivity("parent")!)
            {
                using var child = source.StartActivity("child", ActivityKind.Consumer)!;
                child.SetTag("messaging.system", "rabbitmq");
                child.SetTag("retry.count", 3);
                (traceId, parentId, childId) = (parent.TraceId.ToHexString(), parent.SpanId.ToHexString(), child.SpanId.ToHexString());
            }

            tracing.ForceFlush();
        }

        var spans = otlp.Spans;
        var parentSpan = Assert.Single(spans, s => s.SpanId == parentId);
        var childSpan = Assert.Single(spans, s => s.SpanId == childId);
        Assert.Equal(("parent", traceId, null, "decoder-test", sourceName), (parentSpan.Name, parentSpan.TraceId, parentSpan.ParentSpanId, parentSpan.Service, parentSpan.Scope));
        Assert.Equal(("child", traceId, parentId, "decoder-test"), (childSpan.Name, childSpan.TraceId, childSpan.ParentSpanId, childSpan.Service));
        Assert.Equal(5, childSpan.Kind); // SPAN_KIND_CONSUMER
        Assert.Equal("rabbitmq", childSpan.Attributes["messaging.system"]);
        Assert.Equal("3", childSpan.Attributes["retry.count"]);
    }
}

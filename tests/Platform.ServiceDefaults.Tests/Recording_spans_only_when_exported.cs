using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Telemetry;
using Xunit;

namespace Platform.ServiceDefaults.Tests;

/// <summary>
/// A host that exports no traces records no spans (nothing would read them) unless <c>OTEL_TRACES_SAMPLER</c> asks,
/// yet still creates them unrecorded, so the caller's trace travels on. A span is recorded if any listener in the
/// process asks for it, and other tests' hosts here do: these tests run alone.
/// </summary>
[Collection(Name)]
public sealed class Recording_spans_only_when_exported
{
    public const string Name = "recording spans, alone in the process";

    private static readonly ActivitySource Probe = PlatformTelemetry.CreateSource("SamplingProbe");

    [Fact]
    public async Task Creates_spans_for_propagation_only_when_nothing_exports_them()
    {
        await using var app = Host([]);
        var caller = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

        using var span = Probe.StartActivity("work", ActivityKind.Consumer, caller);

        Assert.NotNull(span);
        Assert.Equal(caller.TraceId, span.TraceId);
        Assert.False(span.Recorded);
        Assert.False(span.IsAllDataRequested);
    }

    [Fact]
    public async Task Records_them_when_the_sampler_is_set_even_without_an_exporter()
    {
        await using var app = Host(new() { ["OTEL_TRACES_SAMPLER"] = "parentbased_always_on" });
        var caller = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

        using var span = Probe.StartActivity("work", ActivityKind.Consumer, caller);

        Assert.NotNull(span);
        Assert.Equal(caller.TraceId, span.TraceId);
        Assert.True(span.Recorded);
    }

    [Fact]
    public async Task Keeps_the_context_of_a_dropped_flow_for_the_spans_under_it()
    {
        // A dropped flow, as one in ten is kept in production: the SDK alone would give its local children no activity,
        // and MassTransit would send their messages without a trace header.
        await using var app = Host(new() { ["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio", ["OTEL_TRACES_SAMPLER_ARG"] = "0" });

        using var flow = Probe.StartActivity("flow");
        using var send = Probe.StartActivity("send", ActivityKind.Producer);

        Assert.NotNull(flow);
        Assert.NotNull(send);
        Assert.Equal(flow.TraceId, send.TraceId);
        Assert.Equal(flow.SpanId, send.ParentSpanId);
        Assert.False(send.Recorded);
    }

    private static WebApplication Host(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPlatformTelemetry("sampling-probe");
        var app = builder.Build();
        // The provider, and with it its listener, exists once resolved (the hosted service would resolve it at start).
        app.Services.GetRequiredService<TracerProvider>();
        return app;
    }
}

[CollectionDefinition(Recording_spans_only_when_exported.Name, DisableParallelization = true)]
public sealed class RecordingSpansAlone
{
}

using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Traces, metrics and logs through OpenTelemetry.Extensions.Hosting and the standard instrumentation. The sampler is
/// left to <c>OTEL_TRACES_SAMPLER</c> / <c>OTEL_TRACES_SAMPLER_ARG</c> (the SDK's default without them: parent-based,
/// always on), so nothing is set here that would override an operator's choice.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Sources of our own and of libraries without an instrumentation package (MassTransit emits its own).</summary>
    private static readonly string[] ActivitySources = ["MassTransit", PlatformTelemetry.SourcePattern];

    private const string SamplerVariable = "OTEL_TRACES_SAMPLER";

    private static readonly string[] Meters = ["MassTransit", PlatformTelemetry.SourcePattern];

    public static WebApplicationBuilder AddPlatformTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        // The JSON console writes TraceId and SpanId from these scopes on every line.
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        TracePropagation.EnsureListening();
        var environment = builder.Environment.EnvironmentName.ToLowerInvariant();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(serviceName, serviceNamespace: "platform", serviceVersion: ServiceVersion())
                .AddAttributes([new("deployment.environment", environment)])
                // Again, last: what the deployment sets (OTEL_RESOURCE_ATTRIBUTES, OTEL_SERVICE_NAME) wins over our defaults.
                .AddEnvironmentVariableDetector())
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(RequestSpans.Configure)
                .AddHttpClientInstrumentation(RequestSpans.Configure)
                .AddNpgsql()
                .AddSource(ActivitySources))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(Meters))
            .WithLogging(configureBuilder: null, configureOptions: o =>
            {
                o.IncludeFormattedMessage = true;
                o.IncludeScopes = true;
            });
        if (OtlpSettings.From(builder.Configuration).Enabled)
        {
            telemetry.UseOtlpExporter();
        }
        else if (string.IsNullOrWhiteSpace(builder.Configuration[SamplerVariable]))
        {
            // Nothing would ever read a recorded span: record none. Dropped spans still exist for propagation, so
            // traceparent still reaches the outbox, the messages and the log lines (docs/operations.md, "Sampling").
            telemetry.WithTracing(tracing => tracing.SetSampler(new AlwaysOffSampler()));
        }

        return builder;
    }

    private static string ServiceVersion() =>
        typeof(TelemetryExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";
}

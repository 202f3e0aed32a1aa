using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Traces, metrics and logs through the OpenTelemetry SDK, built without OpenTelemetry.Extensions.Hosting
/// (not in our package feed): the providers are singletons that the container disposes — and so flushes — on shutdown.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Sources every service listens to; these libraries emit activities without instrumentation packages.</summary>
    public static readonly IReadOnlyList<string> ActivitySources =
        ["MassTransit", "Npgsql", "Microsoft.AspNetCore", "System.Net.Http", PlatformTelemetry.SourcePattern];

    public static readonly IReadOnlyList<string> Meters =
    [
        "MassTransit", "Npgsql", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http", "System.Runtime", PlatformTelemetry.SourcePattern,
    ];

    public static WebApplicationBuilder AddPlatformTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var otlp = OtlpSettings.FromEnvironment();
        var resource = ResourceBuilder.CreateDefault().AddService(
            serviceName,
            serviceNamespace: "platform",
            serviceVersion: ServiceVersion());

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
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(resource);
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
            if (otlp.Enabled)
            {
                o.AddOtlpExporter();
            }
        });

        builder.Services.AddSingleton(_ =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource);
            foreach (var source in ActivitySources)
            {
                tracing.AddSource(source);
            }

            if (otlp.Enabled)
            {
                tracing.AddOtlpExporter();
            }

            return tracing.Build();
        });
        builder.Services.AddSingleton(_ =>
        {
            var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource);
            foreach (var meter in Meters)
            {
                metrics.AddMeter(meter);
            }

            if (otlp.Enabled)
            {
                metrics.AddOtlpExporter();
            }

            return metrics.Build();
        });
        builder.Services.AddHostedService<TelemetryProvidersStarter>();
        return builder;
    }

    private static string ServiceVersion() =>
        typeof(TelemetryExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";
}

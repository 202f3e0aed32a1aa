using Microsoft.Extensions.Configuration;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// OTLP export is switched on by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. Under the hosting package the exporter
/// reads it, and <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, from the host's configuration (environment variables included) and
/// appends <c>/v1/traces</c> etc. for http/protobuf; the switch reads the same place. Without it nothing is exported:
/// the exporter's default endpoint (localhost:4317) is never tried.
/// </summary>
internal sealed record OtlpSettings(bool Enabled)
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static OtlpSettings From(IConfiguration configuration) =>
        new(!string.IsNullOrWhiteSpace(configuration[EndpointVariable]));
}

using Microsoft.Extensions.Configuration;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// OTLP export is switched on by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; the exporter itself reads that
/// and <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (and appends <c>/v1/traces</c> etc. for http/protobuf).
/// </summary>
internal sealed record OtlpSettings(bool Enabled)
{
    public static OtlpSettings From(IConfiguration configuration) =>
        new(!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]));
}

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// OTLP export is switched on by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> environment variable. The exporter
/// reads that and <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> from the environment only (and appends <c>/v1/traces</c> etc. for
/// http/protobuf), so the switch reads the same place: a value in appsettings.json would turn export on towards
/// the exporter's default endpoint instead.
/// </summary>
internal sealed record OtlpSettings(bool Enabled)
{
    public static OtlpSettings FromEnvironment() =>
        new(!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")));
}

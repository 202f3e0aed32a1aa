using System.Reflection;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>
/// The <c>OTEL_*</c> environment variables the OpenTelemetry SDK and its OTLP exporter read, as the constants their
/// assemblies declare them: the services read these from the environment, not through configuration.
/// </summary>
internal static class OpenTelemetryVariables
{
    public const string Prefix = "OTEL_";
    public const string Endpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string Protocol = "OTEL_EXPORTER_OTLP_PROTOCOL";

    public static IReadOnlySet<string> Known { get; } = Find();

    private static HashSet<string> Find()
    {
        Assembly[] assemblies = [typeof(OpenTelemetry.Sdk).Assembly, typeof(OpenTelemetry.Exporter.OtlpExporterOptions).Assembly];
        return assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => v.StartsWith(Prefix, StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>Naming rule for the services' own activity sources and meters: <c>Platform.&lt;Area&gt;</c>.</summary>
public static class PlatformTelemetry
{
    public const string SourcePattern = "Platform.*";

    public static ActivitySource CreateSource(string area) => new($"Platform.{area}");

    public static Meter CreateMeter(string area) => new($"Platform.{area}");
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>Naming rule for the services' own activity sources and meters: <c>Platform.&lt;Area&gt;</c>.</summary>
public static class PlatformTelemetry
{
    public const string SourcePattern = "Platform.*";

    public static ActivitySource CreateSource(string area) => new($"Platform.{area}");

    public static Meter CreateMeter(string area) => new($"Platform.{area}");

    /// <summary>
    /// A service's own meter from the host's factory: the OpenTelemetry meter provider exports it by its name, and a
    /// test reads one host's measurements apart from those of other hosts in the same process (the factory is the scope).
    /// </summary>
    public static Meter CreateMeter(IMeterFactory factory, string area) => factory.Create($"Platform.{area}");
}

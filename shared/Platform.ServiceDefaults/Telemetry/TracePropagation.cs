using System.Diagnostics;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps a flow's trace context travelling when its spans are not recorded. For a span whose parent is local, the
/// OpenTelemetry SDK turns a "drop" decision into no activity at all; MassTransit then sends its message without a
/// trace header, and the consumer starts a trace of its own — which a ratio sampler may keep, cutting a dropped flow
/// into pieces, and which breaks the trace id shown in the notifications history and in log lines. This listener asks
/// for propagation-only activities of MassTransit and our own sources: unrecorded and cheap, but they carry the
/// context. A recorded span is still recorded (a source takes the most any listener asks for).
/// </summary>
internal static class TracePropagation
{
    private static readonly Lazy<ActivityListener> Listener = new(() =>
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MassTransit" || source.Name.StartsWith("Platform.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    });

    /// <summary>Once per process, for as long as it lives.</summary>
    public static void EnsureListening() => _ = Listener.Value;
}

using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>What the OTLP receiver has of each trace: the services whose spans carry its id.</summary>
internal static class TraceView
{
    public static HashSet<string> ServicesIn(this OtlpReceiver otlp, string? traceId) =>
        [.. otlp.Spans.Where(s => s.TraceId == traceId).Select(s => s.Service)];

    /// <summary>Waits (spans are exported in batches, some at shutdown) until the trace shows every expected service.</summary>
    public static async Task<HashSet<string>> ServicesInAsync(this OtlpReceiver otlp, string? traceId, params string[] expected) =>
        await Eventually.Get(() => Task.FromResult(otlp.ServicesIn(traceId)), services => services.IsSupersetOf(expected), TimeSpan.FromSeconds(20));
}

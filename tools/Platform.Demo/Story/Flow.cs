using System.Security.Cryptography;

namespace Platform.Demo.Story;

/// <summary>
/// One flow of the story (a sync, a first spam, a login…): a trace of its own, whose W3C context goes with every
/// request of the flow, so the flow is one trace in Jaeger across the services that take part.
/// </summary>
public sealed class Flow(string name)
{
    public string Name { get; } = name;

    public string TraceId { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private string SpanId { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>The caller's side of the flow, as a W3C <c>traceparent</c> (sampled).</summary>
    public string TraceParent => $"00-{TraceId}-{SpanId}-01";
}

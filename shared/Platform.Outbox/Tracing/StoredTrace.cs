using System.Diagnostics;

namespace Platform.Outbox.Tracing;

/// <summary>
/// Continues a trace whose W3C context was stored with a piece of work (an outbox message, a queued mail, a queued
/// sync run) when the work is picked up later, by another replica or after a restart: the spans of the work, and of
/// every service it reaches through the bus, then join the flow that asked for it.
/// </summary>
public static class StoredTrace
{
    /// <summary>
    /// Starts <paramref name="name"/> as a child of the stored <paramref name="traceParent"/>; with none stored (or an
    /// unreadable one), as a child of the ambient activity, which in a background loop means a trace of its own. When
    /// nobody records <paramref name="source"/> but a context was stored, a bare activity still carries it, so that
    /// MassTransit's spans — and so the consumers — continue the stored trace.
    /// </summary>
    public static Activity? Continue(ActivitySource source, string name, string? traceParent, string? traceState = null, ActivityKind kind = ActivityKind.Internal)
    {
        ActivityContext stored = default;
        var hasStored = traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out stored);
        var activity = source.StartActivity(name, kind, stored);
        if (activity is null && hasStored)
        {
            activity = new Activity(name);
            activity.SetParentId(stored.TraceId, stored.SpanId, stored.TraceFlags);
            activity.TraceStateString = stored.TraceState;
            activity.Start();
        }

        return activity;
    }

    /// <summary>The trace id of a W3C traceparent (<c>00-&lt;trace id&gt;-&lt;span id&gt;-&lt;flags&gt;</c>), or null.</summary>
    public static string? TraceIdOf(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var context) ? context.TraceId.ToHexString() : null;
}

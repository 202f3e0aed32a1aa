using System.Diagnostics;
using Marten;

namespace Platform.Outbox.Store;

/// <summary>
/// Stores the W3C trace context of the flow that saves a session in its new events' headers (<c>traceparent</c>,
/// <c>tracestate</c>), so that whoever reads an event later — a projection, an operator in psql — finds the trace.
/// An event that already carries one (a grouped commit stamps each caller's own) keeps it.
/// </summary>
public sealed class TraceHeaders : DocumentSessionListenerBase
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    public static readonly TraceHeaders Instance = new();

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (Activity.Current is { } activity)
        {
            foreach (var stream in session.PendingChanges.Streams())
            {
                Stamp(stream.Events, activity);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Puts <paramref name="activity"/>'s context on those of <paramref name="events"/> that have none yet.</summary>
    public static void Stamp(IEnumerable<JasperFx.Events.IEvent> events, Activity activity)
    {
        foreach (var e in events)
        {
            if (e.GetHeader(TraceParent) is null)
            {
                e.SetHeader(TraceParent, activity.Id!);
                if (activity.TraceStateString is { } state)
                {
                    e.SetHeader(TraceState, state);
                }
            }
        }
    }
}

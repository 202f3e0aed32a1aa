using System.Diagnostics;
using Platform.Outbox.Tracing;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Notifications.Delivery;

/// <summary>
/// A mail is sent by a delivery lane long after it was queued, by whichever replica claims it: each attempt continues
/// the trace of the flow that queued the mail (a first spam, a report), so asking auth for the link, the relay and
/// the outcome's message show up in that flow's trace.
/// </summary>
internal static class DeliveryTracing
{
    private static readonly ActivitySource Source = PlatformTelemetry.CreateSource("Notifications");

    public static Activity? StartAttempt(NotificationQueued queued)
    {
        var activity = StoredTrace.Continue(Source, "deliver " + queued.Kind, queued.TraceParent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("platform.notification.kind", queued.Kind);
            activity.SetTag("platform.notification.message_id", queued.MessageId);
        }

        return activity;
    }
}

using System.Diagnostics;
using Platform.Outbox.Tracing;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// A queued run is picked up by the scheduler of whichever replica gets the domain's lock: it continues the trace of
/// the request that queued it (an admin's sync, a settings save), so the users it discovers — and every service that
/// consumes them — show up in that request's trace. Scheduled runs start a trace of their own.
/// </summary>
internal static class SyncTracing
{
    private static readonly ActivitySource Source = PlatformTelemetry.CreateSource("DirectorySync");

    public static Activity? StartRun(string domain, Guid runId, string trigger, string? traceParent)
    {
        var activity = StoredTrace.Continue(Source, "directory sync", traceParent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("platform.domain", domain);
            activity.SetTag("platform.sync.run_id", runId.ToString());
            activity.SetTag("platform.sync.trigger", trigger);
        }

        return activity;
    }
}

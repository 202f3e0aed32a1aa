using System.Diagnostics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Reporting.Schedule;

/// <summary>
/// Each report starts a trace of its own in the scheduler's pass: its <c>PeriodicReportReady</c> carries it (through
/// the outbox) to notifications, whose delivery asks auth for the link within it — one trace per report mail.
/// </summary>
internal static class ReportTracing
{
    private static readonly ActivitySource Source = PlatformTelemetry.CreateSource("Reporting");

    public static Activity? StartReport(string domain, string frequency, DateTimeOffset periodEnd)
    {
        // A pass runs in a background loop: never the child of whatever happens to be ambient.
        Activity.Current = null;
        var activity = Source.StartActivity("periodic report");
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("platform.domain", domain);
            activity.SetTag("platform.report.frequency", frequency);
            activity.SetTag("platform.report.period_end", periodEnd.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        return activity;
    }
}

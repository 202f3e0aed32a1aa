using System.Diagnostics.Metrics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Reporting.Schedule;

/// <summary>
/// What the report schedule does: <c>platform.reporting.reports</c> (periods reported, by frequency and outcome:
/// <c>published</c> — a <c>PeriodicReportReady</c> went out — or <c>empty</c>, skipped as the period had no spam) and
/// <c>platform.reporting.schedule.failures</c> (passes that failed and are left to the next one).
/// </summary>
public sealed class ReportMetrics
{
    public const string ReportsName = "platform.reporting.reports";
    public const string FailuresName = "platform.reporting.schedule.failures";
    public const string FrequencyTag = "platform.report.frequency";
    public const string OutcomeTag = "platform.report.outcome";

    private readonly Counter<long> _reports;
    private readonly Counter<long> _failures;

    public ReportMetrics(IMeterFactory meters)
    {
        var meter = PlatformTelemetry.CreateMeter(meters, "Reporting");
        _reports = meter.CreateCounter<long>(ReportsName, "{report}", "Report periods produced, by frequency and outcome (published or empty).");
        _failures = meter.CreateCounter<long>(FailuresName, "{pass}", "Report scheduler passes that failed.");
    }

    public void Produced(string frequency, bool published) =>
        _reports.Add(1, new KeyValuePair<string, object?>(FrequencyTag, frequency), new KeyValuePair<string, object?>(OutcomeTag, published ? "published" : "empty"));

    public void PassFailed() => _failures.Add(1);
}

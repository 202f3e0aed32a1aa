using System.Diagnostics.Metrics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// How directory syncs end: <c>platform.directory_sync.run.duration</c> (every run, with its outcome),
/// <c>platform.directory_sync.run.failures</c> (failed runs by error code) and <c>platform.directory_sync.changes</c>
/// (what completed runs changed in the managed list). Tags are trigger, mode, outcome, change and error code — fixed
/// sets; the domain is never a tag (its history API has the per-domain detail).
/// </summary>
public sealed class SyncMetrics
{
    public const string Area = "DirectorySync";
    public const string DurationName = "platform.directory_sync.run.duration";
    public const string FailuresName = "platform.directory_sync.run.failures";
    public const string ChangesName = "platform.directory_sync.changes";
    public const string TriggerTag = "platform.sync.trigger";
    public const string ModeTag = "platform.sync.mode";
    public const string OutcomeTag = "platform.sync.outcome";
    public const string ChangeTag = "platform.sync.change";
    public const string ErrorTag = "error.type";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _changes;

    public SyncMetrics(IMeterFactory meters)
    {
        var meter = PlatformTelemetry.CreateMeter(meters, Area);
        // Runs take from well under a second (a small domain, changes only) to many minutes (a first import).
        _duration = meter.CreateHistogram(DurationName, "s", "How long directory sync runs took, by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });
        _failures = meter.CreateCounter<long>(FailuresName, "{run}", "Directory sync runs that failed, by error code.");
        _changes = meter.CreateCounter<long>(ChangesName, "{user}", "Changes completed sync runs made to the managed list of users.");
    }

    public void Completed(string trigger, string mode, TimeSpan duration, SyncSummary run)
    {
        _duration.Record(duration.TotalSeconds, Tag(TriggerTag, trigger), Tag(ModeTag, mode), Tag(OutcomeTag, "completed"));
        Change("added", run.Added);
        Change("updated", run.Updated);
        Change("disabled", run.Disabled);
        Change("enabled", run.Enabled);
        Change("removed", run.Removed);
        Change("removal_held", run.HeldRemovals.Count);
    }

    public void Failed(string trigger, string mode, string code, TimeSpan duration)
    {
        _duration.Record(duration.TotalSeconds, Tag(TriggerTag, trigger), Tag(ModeTag, mode), Tag(OutcomeTag, "failed"), Tag(ErrorTag, code));
        _failures.Add(1, Tag(TriggerTag, trigger), Tag(ModeTag, mode), Tag(ErrorTag, code));
    }

    private void Change(string change, int count)
    {
        if (count > 0)
        {
            _changes.Add(count, Tag(ChangeTag, change));
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}

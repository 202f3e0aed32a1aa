namespace Platform.Reporting.Schedule;

/// <summary>Settings of the report scheduler (section <c>Reporting:Schedule</c>).</summary>
public sealed class ReportSchedulerOptions
{
    /// <summary>How often a replica looks for due reports.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Users looked at per query.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How many of a period's newest messages a report lists.</summary>
    public int MaxEntries { get; set; } = 50;

    /// <summary>
    /// How long after a period's end its report waits: a message recorded just before the end may still be committing
    /// (its time is taken before the commit, on another replica's clock), and would otherwise miss every report.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back a report reaches to where the previous one ended.</summary>
    public TimeSpan CatchUp { get; set; } = TimeSpan.FromDays(14);
}

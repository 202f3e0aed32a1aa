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

    /// <summary>How far back a report reaches to where the previous one ended.</summary>
    public TimeSpan CatchUp { get; set; } = TimeSpan.FromDays(14);
}

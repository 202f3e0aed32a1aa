namespace Platform.EventStore.Projections;

public sealed class ProjectionDaemonOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public int BatchSize { get; set; } = 500;
}

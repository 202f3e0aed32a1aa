using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Messaging.Tests;

/// <summary>Records every MassTransit span that ends in this process while it is alive.</summary>
internal sealed class MassTransitActivities : IDisposable
{
    private readonly ActivityListener _listener;

    public MassTransitActivities()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentBag<Activity> Stopped { get; } = [];

    public void Dispose() => _listener.Dispose();
}

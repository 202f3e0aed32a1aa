using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.EventStore.Projections;

/// <summary>
/// Runs every async projection in every replica; each batch is applied by exactly one of them (see
/// <see cref="ProjectionRunner"/>). Idle projections are polled at <see cref="ProjectionDaemonOptions.PollInterval"/>.
/// </summary>
public sealed partial class ProjectionDaemon(EventStore store, ProjectionDaemonOptions options, ILogger<ProjectionDaemon> logger)
    : BackgroundService
{
    /// <summary>Empties <paramref name="projectionName"/>'s read model and replays all events into it.</summary>
    public Task RebuildAsync(string projectionName, CancellationToken cancellationToken = default) =>
        Runner(store.Options.AsyncProjections.Concat(store.Options.InlineProjections).Single(p => p.Name == projectionName))
            .RebuildAsync(cancellationToken);

    /// <summary>Applies batches of every async projection until none has anything left that this replica may apply.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var applied = 0;
        foreach (var projection in store.Options.AsyncProjections)
        {
            var runner = Runner(projection);
            while (await runner.RunBatchAsync(cancellationToken) is > 0 and var count)
            {
                applied += count;
            }
        }

        return applied;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runners = store.Options.AsyncProjections.Select(Runner).ToList();
        if (runners.Count == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            foreach (var runner in runners)
            {
                try
                {
                    busy |= await runner.RunBatchAsync(stoppingToken) > 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogBatchFailed(ex);
                }
            }

            if (!busy)
            {
                await Task.Delay(options.PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private ProjectionRunner Runner(IProjection projection) => new(store, projection, options.BatchSize);

    [LoggerMessage(LogLevel.Error, "A projection batch failed; it will be retried")]
    private partial void LogBatchFailed(Exception exception);
}

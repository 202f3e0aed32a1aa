using Npgsql;
using Platform.EventStore;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// Queues sync runs (an admin's, the schedule's) and wakes the scheduler. A domain with a run already waiting gets
/// that run back instead of a second one.
/// </summary>
public sealed class SyncRequests(EventStore.EventStore store, NpgsqlDataSource data, SyncSignal signal, TimeProvider clock)
{
    /// <summary>The queued run's id, and whether it was already waiting.</summary>
    public async Task<(Guid RunId, bool AlreadyQueued)> RequestAsync(
        string domain, string trigger, string requestedBy, CancellationToken cancellationToken, string? mode = null)
    {
        await using (var queued = data.CreateCommand(
            $"SELECT run_id FROM {store.Options.Schema}.sync_runs WHERE domain = $1 AND status = 'queued' ORDER BY requested_at LIMIT 1"))
        {
            queued.Parameters.Add(new NpgsqlParameter { Value = domain });
            if (await queued.ExecuteScalarAsync(cancellationToken) is Guid waiting)
            {
                signal.Wake();
                return (waiting, true);
            }
        }

        var runId = Guid.NewGuid();
        var session = store.LightweightSession();
        session.Actor = requestedBy;
        session.CorrelationId = runId;
        session.Events.StartStream(SyncRunner.StreamId(domain, runId), new SyncRunRequested(domain, runId, trigger, requestedBy, clock.GetUtcNow(), mode));
        await session.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return (runId, false);
    }
}

/// <summary>Wakes this replica's scheduler at once (other replicas find the run at their next look).</summary>
public sealed class SyncSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}

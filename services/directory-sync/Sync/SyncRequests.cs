using Marten;
using Npgsql;
using System.Diagnostics;
using Platform.Outbox.Store;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// Queues sync runs (an admin's, the schedule's) and wakes the scheduler. A domain with a run already waiting gets
/// that run back instead of a second one.
/// </summary>
public sealed class SyncRequests(IDocumentStore store, NpgsqlDataSource data, SyncSignal signal, TimeProvider clock)
{
    /// <summary>The queued run's id, and whether it was already waiting.</summary>
    public async Task<(Guid RunId, bool AlreadyQueued)> RequestAsync(
        string domain, string trigger, string requestedBy, CancellationToken cancellationToken, string? mode = null)
    {
        await using (var queued = data.CreateCommand(
            $"SELECT run_id FROM {store.Options.DatabaseSchemaName}.sync_runs WHERE domain = $1 AND status = 'queued' ORDER BY requested_at LIMIT 1"))
        {
            queued.Parameters.Add(new NpgsqlParameter { Value = domain });
            if (await queued.ExecuteScalarAsync(cancellationToken) is Guid waiting)
            {
                signal.Wake();
                return (waiting, true);
            }
        }

        await using var session = store.LightweightSession();
        session.LastModifiedBy = requestedBy;
        var runId = Queue(session, domain, trigger, requestedBy, mode);
        session.CorrelationId = runId.ToString();
        await session.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return (runId, false);
    }

    /// <summary>
    /// Queues a run in <paramref name="session"/>, committed with whatever else it records (a settings save: the
    /// schedule then never sees the domain due without its run). Call <see cref="SyncSignal.Wake"/> after committing.
    /// </summary>
    public Guid Queue(IDocumentSession session, string domain, string trigger, string requestedBy, string? mode = null)
    {
        var runId = Guid.NewGuid();
        var stream = session.Events.StartStream(SyncRunner.StreamId(domain, runId), new SyncRunRequested(domain, runId, trigger, requestedBy, clock.GetUtcNow(), mode));
        if (Activity.Current is { } activity)
        {
            // Stamped now, not at commit: the run's history row (written before the commit stamps events) keeps the trace to continue.
            TraceHeaders.Stamp(stream.Events, activity);
        }

        return runId;
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

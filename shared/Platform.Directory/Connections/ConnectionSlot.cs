namespace Platform.Directory.Connections;

/// <summary>
/// One of a directory's limited connection slots. Released when disposed — but only once the connections created
/// under it have really been closed: a connection abandoned after a timeout keeps its thread in libldap until the
/// call returns, and the slot must not be reused before, or a hanging server could tie up any number of threads.
/// </summary>
internal sealed class ConnectionSlot(SemaphoreSlim slots) : IDisposable
{
    private readonly List<DirectorySession> _sessions = [];
    private int _released;

    public static async Task<ConnectionSlot> TakeAsync(SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        return new ConnectionSlot(slots);
    }

    public void Track(DirectorySession session)
    {
        lock (_sessions)
        {
            _sessions.Add(session);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        Task[] finished;
        lock (_sessions)
        {
            finished = _sessions.Select(s => s.Finished).ToArray();
        }

        Task.WhenAll(finished).ContinueWith(_ => slots.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}

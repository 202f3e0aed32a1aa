namespace Platform.EventStore.Sessions;

/// <summary>
/// Group commit: sessions saved while a commit is running wait for it and then go together, in one transaction and
/// one round trip. Under load that turns many small commits into a few larger ones; alone, a session goes at once.
/// A group that fails (a version conflict, a redelivered message, the database gone) is rolled back and each of its
/// sessions is committed alone, so every caller gets exactly the outcome it would have had by itself.
/// </summary>
internal sealed class GroupCommitter(EventStore store)
{
    /// <summary>At most this many sessions share one commit.</summary>
    public const int MaxGroup = 64;

    private readonly Lock _lock = new();
    private readonly List<Waiting> _waiting = [];
    private bool _flushing;

    /// <summary>True when <paramref name="session"/> was committed with a group; false when it must commit alone.</summary>
    public Task<bool> TryCommitAsync(GroupedSession session)
    {
        var waiting = new Waiting(session);
        bool start;
        lock (_lock)
        {
            _waiting.Add(waiting);
            start = !_flushing;
            _flushing = true;
        }

        if (start)
        {
            // The flush outlives this caller: it must not carry the caller's trace into every later group.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(FlushAsync);
            }
        }

        return waiting.Done.Task;
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            List<Waiting> group;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _flushing = false;
                    return;
                }

                group = _waiting.GetRange(0, Math.Min(MaxGroup, _waiting.Count));
                _waiting.RemoveRange(0, group.Count);
            }

            bool committed;
            try
            {
                await EventSession.CommitGroupAsync(store, group.Select(w => w.Session).ToList());
                committed = true;
            }
            catch (Exception)
            {
                // Each session finds out alone what was wrong, if anything still is.
                committed = false;
            }

            foreach (var waiting in group)
            {
                waiting.Done.SetResult(committed);
            }
        }
    }

    private sealed record Waiting(GroupedSession Session)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

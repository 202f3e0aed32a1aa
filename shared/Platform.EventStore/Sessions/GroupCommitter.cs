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

    /// <summary>A session with more events than this (an import) commits alone rather than hold up a group.</summary>
    public const int MaxGroupedEvents = 100;

    /// <summary>
    /// How long a group waits for a row lock (another transaction writing the same stream or key) before it gives up
    /// and its sessions commit alone: one contended session must not hold up the unrelated ones saved behind it.
    /// </summary>
    public const string LockTimeout = "200ms";

    private readonly Lock _lock = new();
    private readonly List<Waiting> _waiting = [];
    private bool _flushing;

    /// <summary>True when <paramref name="session"/> was committed with a group; false when it must commit alone.</summary>
    public Task<bool> TryCommitAsync(GroupedSession session)
    {
        if (session.Session.Events.Actions.Sum(a => a.Events.Count) > MaxGroupedEvents)
        {
            return Task.FromResult(false);
        }

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

            try
            {
                await EventSession.CommitGroupAsync(store, group.Select(w => w.Session).ToList());
                Complete(group, committed: true);
            }
            catch (GroupCommitUnknownException e)
            {
                // The server may have committed the group: committing its sessions again could record them twice.
                foreach (var waiting in group)
                {
                    waiting.Done.SetException(e.InnerException!);
                }
            }
            catch (Exception)
            {
                // Each session finds out alone what was wrong, if anything still is.
                Complete(group, committed: false);
            }
        }
    }

    private static void Complete(List<Waiting> group, bool committed)
    {
        foreach (var waiting in group)
        {
            waiting.Done.SetResult(committed);
        }
    }

    private sealed record Waiting(GroupedSession Session)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>A group's COMMIT itself failed: whether the server committed it is not known.</summary>
internal sealed class GroupCommitUnknownException(Exception inner) : Exception("The outcome of a group commit is unknown.", inner);

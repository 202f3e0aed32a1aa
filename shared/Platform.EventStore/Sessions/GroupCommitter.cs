using System.Runtime.ExceptionServices;
using Platform.EventStore.Batching;

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

    private readonly Batcher<GroupedSession, bool> _groups = new(sessions => CommitAsync(store, sessions), MaxGroup);

    /// <summary>True when <paramref name="session"/> was committed with a group; false when it must commit alone.</summary>
    public Task<bool> TryCommitAsync(GroupedSession session) =>
        session.Session.Events.Actions.Sum(a => a.Events.Count) > MaxGroupedEvents ? Task.FromResult(false) : _groups.RunAsync(session);

    private static async Task<IReadOnlyList<bool>> CommitAsync(EventStore store, IReadOnlyList<GroupedSession> group)
    {
        try
        {
            await EventSession.CommitGroupAsync(store, [.. group]);
            return [.. group.Select(_ => true)];
        }
        catch (GroupCommitUnknownException e)
        {
            // The server may have committed the group: committing its sessions again could record them twice.
            ExceptionDispatchInfo.Throw(e.InnerException!);
            throw;
        }
        catch (Exception)
        {
            // Each session finds out alone what was wrong, if anything still is.
            return [.. group.Select(_ => false)];
        }
    }
}

/// <summary>A group's COMMIT itself failed: whether the server committed it is not known.</summary>
internal sealed class GroupCommitUnknownException(Exception inner) : Exception("The outcome of a group commit is unknown.", inner);

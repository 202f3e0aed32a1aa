using JasperFx.Events;
using Marten;

namespace Platform.Outbox.Store;

/// <summary>
/// The one way a command is handled against a stream: open a session, fetch the stream's state for writing, decide,
/// append, save — and when another writer got there first, read again and decide again, a few times at most
/// (<see cref="ConflictRetry"/>).
/// </summary>
public static class StreamCommands
{
    public const int DefaultAttempts = 3;

    /// <summary>
    /// Runs <paramref name="decide"/> on <typeparamref name="TState"/> of <paramref name="streamId"/> (registered with
    /// Marten as a snapshot or live aggregate) and commits what it appended and queued. <paramref name="prepare"/> sets
    /// the session's metadata (actor, correlation) before anything is read.
    /// </summary>
    public static Task<TResult> HandleAsync<TState, TResult>(
        this IDocumentStore store, string streamId, Func<IEventStream<TState>, IDocumentSession, TResult> decide,
        Action<IDocumentSession>? prepare = null, int attempts = DefaultAttempts, CancellationToken cancellationToken = default)
        where TState : class =>
        ConflictRetry.RunAsync(attempts, async attempt =>
        {
            await using var session = store.LightweightSession();
            prepare?.Invoke(session);
            var stream = await session.Events.FetchForWriting<TState>(streamId, cancellationToken);
            var result = decide(stream, session);
            await attempt.CommitAsync(session, cancellationToken);
            return result;
        });
}

using System.Diagnostics;
using System.Runtime.ExceptionServices;
using JasperFx.Events;
using Marten;
using Npgsql;
using Platform.Outbox.Batching;

namespace Platform.Outbox.Store;

/// <summary>
/// Group commit over Marten sessions: writes saved while a commit is running wait for it and then go together, in one session, one transaction and one round trip. Under load many small commits become a few larger ones; alone,
/// a write commits at once. A group that fails (a version conflict, a redelivered message,
/// a lock it waited too long for) is dropped and each of its writes is committed alone, so every caller gets exactly
/// the outcome it would have had by itself.
/// </summary>
/// <remarks>
/// A write is a description of changes (<c>session =&gt; { session.Events.Append(…); session.Publish(…); }</c>): it
/// may run more than once — in a group and again alone — and must do nothing but record changes on the session it is
/// given. Each write's events carry its own correlation, causation, user name and trace context.
/// </remarks>
public sealed class GroupCommits
{
    /// <summary>At most this many writes share one commit.</summary>
    public const int MaxGroup = 64;

    /// <summary>
    /// How many groups commit at once. One: with two, groups were smaller and cost more CPU per write, and the rate
    /// fell (docs/eventstore.md has the figures).
    /// </summary>
    public const int Lanes = 1;

    /// <summary>
    /// How long a group waits for a row lock (another transaction writing the same stream or key) before it gives up
    /// and its writes commit alone: one contended write must not hold up the unrelated ones saved behind it.
    /// </summary>
    public const string LockTimeout = "200ms";

    private static readonly LockTimeoutOperation SetLockTimeout = new(LockTimeout);

    private readonly IDocumentStore _store;
    private readonly NpgsqlDataSource _dataSource;
    private readonly Batcher<Write, bool> _groups;

    /// <param name="store">The service's store.</param>
    /// <param name="dataSource">The data source of <paramref name="store"/>: a group runs in a transaction of its own
    /// on it, which its batch's last statement commits (<see cref="CommitInBatch"/>).</param>
    /// <param name="lanes">How many groups commit at once (<see cref="Lanes"/> unless a benchmark compares).</param>
    public GroupCommits(IDocumentStore store, NpgsqlDataSource dataSource, int lanes = Lanes)
    {
        _store = store;
        _dataSource = dataSource;
        _groups = new Batcher<Write, bool>(CommitAsync, MaxGroup, lanes);
    }

    /// <summary>Commits what <paramref name="write"/> records, with a group when others are saving at the same time.</summary>
    public async Task SaveAsync(Action<IDocumentSession> write, CancellationToken cancellationToken = default)
    {
        // A group commit is not cancelled for one of its writes; a caller that gave up before it began writes nothing.
        cancellationToken.ThrowIfCancellationRequested();
        if (await _groups.RunAsync(new Write(write, Activity.Current)))
        {
            return;
        }

        // Alone, as it would commit without a group. Only an append at "any version" can lose a race it should not
        // fail: it is tried again on the stream's new end.
        await ConflictRetry.RunAsync(AnyVersionAttempts, async commit =>
        {
            await using var session = _store.LightweightSession();
            write(session);
            if (AppendsAtAnyVersionOnly(session))
            {
                await commit.CommitAsync(session, cancellationToken);
            }
            else
            {
                await session.SaveChangesAsync(cancellationToken);
            }
        });
    }

    /// <summary>How often an append at any version is tried when concurrent appends to its stream keep taking its version.</summary>
    public const int AnyVersionAttempts = 5;

    private static bool AppendsAtAnyVersionOnly(IDocumentSession session) =>
        session.PendingChanges.Streams().All(s => s.ActionType == StreamActionType.Append && s.ExpectedVersionOnServer is null);

    /// <summary>Like <see cref="SaveAsync"/>, treating "already processed" (the inbox) as done: false for such a redelivery.</summary>
    public async Task<bool> SaveOnceAsync(Action<IDocumentSession> write, CancellationToken cancellationToken = default)
    {
        try
        {
            await SaveAsync(write, cancellationToken);
            return true;
        }
        catch (Exception e) when (StoreErrors.IsDuplicateMessage(e))
        {
            return false;
        }
    }

    /// <summary>True for each write committed with the group; false for each that must commit alone.</summary>
    private async Task<IReadOnlyList<bool>> CommitAsync(IReadOnlyList<Write> writes)
    {
        var alone = new bool[writes.Count];
        // A write alone still goes through here, under the group's lock timeout, in its caller's trace: the writes
        // arriving meanwhile gather behind it, and if it waits for a lock it is handed back to commit in its own flow.
        Activity.Current = writes.Count == 1 ? writes[0].Activity : null;
        try
        {
            // A transaction of our own that Marten writes in, its lock timeout set by the first statement of Marten's
            // batch and its COMMIT the last, all in one round trip: a timeout fails the group at once (Marten cannot
            // retry in the aborted transaction), and the writes go alone.
            await using var connection = await _dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var session = Compose(writes, alone, transaction);
            if (alone.Any(a => !a))
            {
                await session.SaveChangesAsync();
                return [.. alone.Select(a => !a)];
            }
        }
        catch (Exception e) when (IsOutcomeUnknown(e))
        {
            // The connection broke: the server may have committed the group, and committing its writes again could
            // record them twice.
            ExceptionDispatchInfo.Throw(e);
        }
        catch (Exception)
        {
            // Each write finds out alone what was wrong, if anything still is.
        }

        return [.. writes.Select(_ => false)];
    }

    /// <summary>
    /// One session with the writes' changes, each write's events stamped with its own metadata. A write touching a
    /// stream an earlier write of the group touched is left to commit alone: Marten would merge the two appends into
    /// one, and only one of them may win.
    /// </summary>
    private IDocumentSession Compose(IReadOnlyList<Write> writes, bool[] alone, NpgsqlTransaction transaction)
    {
        // The group's COMMIT rides in its batch: the session leaves the transaction to it.
        var session = _store.LightweightSession(CommitInBatch.In(transaction));
        session.QueueOperation(SetLockTimeout);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < writes.Count; i++)
        {
            var before = session.PendingChanges.Streams().ToDictionary(s => s.Key!, s => s.Events.Count, StringComparer.Ordinal);
            session.CorrelationId = null;
            session.CausationId = null;
            session.LastModifiedBy = null;
            var ambient = Activity.Current;
            Activity.Current = writes[i].Activity;
            try
            {
                writes[i].Record(session);
            }
            finally
            {
                Activity.Current = ambient;
            }

            var changed = session.PendingChanges.Streams().Where(s => s.Events.Count != before.GetValueOrDefault(s.Key!)).ToList();
            if (changed.Any(s => before.ContainsKey(s.Key!) || !touched.Add(s.Key!)))
            {
                alone[i] = true;
                session.Dispose();
                return ComposeWithout(writes, alone, transaction);
            }

            foreach (var stream in changed)
            {
                foreach (var e in stream.Events.Skip(before.GetValueOrDefault(stream.Key!)))
                {
                    e.CorrelationId = session.CorrelationId;
                    e.CausationId = session.CausationId;
                    e.UserName = session.LastModifiedBy;
                }

                if (writes[i].Activity is { } activity)
                {
                    TraceHeaders.Stamp(stream.Events.Skip(before.GetValueOrDefault(stream.Key!)), activity);
                }
            }
        }

        session.CorrelationId = null;
        session.CausationId = null;
        session.LastModifiedBy = null;
        return session;
    }

    private IDocumentSession ComposeWithout(IReadOnlyList<Write> writes, bool[] alone, NpgsqlTransaction transaction)
    {
        var kept = writes.Where((_, i) => !alone[i]).ToList();
        var keptAlone = new bool[kept.Count];
        var session = Compose(kept, keptAlone, transaction);
        var k = 0;
        for (var i = 0; i < writes.Count; i++)
        {
            if (!alone[i])
            {
                alone[i] = keptAlone[k++];
            }
        }

        return session;
    }

    /// <summary>A failure on the way (not the server refusing the commit) leaves it unknown whether the group committed.</summary>
    private static bool IsOutcomeUnknown(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is PostgresException)
            {
                return false;
            }

            if (inner is NpgsqlException or IOException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Write(Action<IDocumentSession> Record, Activity? Activity);
}

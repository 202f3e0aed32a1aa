using Marten;
using Platform.Outbox.Store;
using Platform.Testing;

namespace Platform.Outbox.Tests;

/// <summary>
/// Holds a store's commits at a gate on its events table (a trigger that sleeps while the gate row exists — a wait,
/// not a lock, so a group's lock timeout does not end it): a first write per lane takes the lane and waits there,
/// so the writes saved meanwhile queue behind them and go together once the gate opens, whatever the timing of the
/// machine.
/// </summary>
internal static class CommitGate
{
    /// <summary>A save that loses its group (a flush that never completes it) would otherwise hang the test run.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Saves <paramref name="count"/> writes behind the gate; what each save ended with (null when it committed).</summary>
    public static Task<Exception?[]> SaveAsync(TestStore test, GroupCommits commits, int count, Action<int, IDocumentSession> write) =>
        QueueAsync(test, commits, count, async i =>
        {
            try
            {
                await commits.SaveAsync(session => write(i, session));
                return (Exception?)null;
            }
            catch (Exception e)
            {
                return e;
            }
        });

    /// <summary>Starts <paramref name="count"/> saves behind the gate, opens it, and waits for what they return.</summary>
    public static async Task<T[]> QueueAsync<T>(TestStore test, GroupCommits commits, int count, Func<int, Task<T>> save)
    {
        var held = await CloseAsync(test, commits);
        // A save joins the queue before it first yields: all of them are queued when the gate opens.
        var saves = Enumerable.Range(0, count).Select(save).ToList();
        await test.ExecuteAsync("DELETE FROM {schema}.commit_gate");
        await held.WaitAsync(Patience);
        return await Task.WhenAll(saves).WaitAsync(Patience);
    }

    private static async Task<Task> CloseAsync(TestStore test, GroupCommits commits)
    {
        await test.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS {schema}.commit_gate (closed boolean);
            INSERT INTO {schema}.commit_gate VALUES (true);
            CREATE OR REPLACE FUNCTION {schema}.wait_at_commit_gate() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                WHILE EXISTS (SELECT 1 FROM {schema}.commit_gate) LOOP
                    PERFORM pg_sleep(0.005);
                END LOOP;
                RETURN NULL;
            END $$;
            CREATE OR REPLACE TRIGGER wait_at_commit_gate BEFORE INSERT ON {schema}.mt_events
                FOR EACH STATEMENT EXECUTE FUNCTION {schema}.wait_at_commit_gate();
            """);

        // One write per lane, each started once the one before waits at the gate: every lane is taken.
        var held = new List<Task>();
        for (var lane = 1; lane <= GroupCommits.Lanes; lane++)
        {
            held.Add(commits.SaveAsync(session => session.Events.Append("gate/" + Guid.NewGuid(), new Deposited(0))));
            var waiting = await Eventually.Get(
                () => test.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND query LIKE '%{schema}.%'"),
                count => count >= lane,
                TimeSpan.FromSeconds(10));
            if (waiting < lane)
            {
                throw new InvalidOperationException($"The commit of lane {lane} never reached the gate.");
            }
        }

        return Task.WhenAll(held);
    }
}

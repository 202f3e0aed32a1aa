using Npgsql;
using Platform.EventStore.Sessions;
using Platform.Testing;

namespace Platform.EventStore.Tests;

/// <summary>
/// Holds a store's commits at a gate on its events table (a trigger that sleeps while the gate row exists — a wait,
/// not a lock, so a group's lock timeout does not end it): a first session takes the commit and waits there, so the
/// sessions saved meanwhile queue behind it and go together once the gate opens, whatever the timing of the machine.
/// </summary>
internal sealed class CommitGate(TestStore test, Task held) : IAsyncDisposable
{
    /// <summary>A save that loses its group (a flush that never completes it) would otherwise hang the test run.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Saves <paramref name="count"/> sessions, each prepared by <paramref name="prepare"/>, behind the gate; each
    /// session with what its save ended with (null when it committed).
    /// </summary>
    public static Task<(EventSession Session, Exception? Error)[]> SaveAsync(TestStore test, int count, Action<int, EventSession> prepare) =>
        QueueAsync(test, count, async i =>
        {
            var session = test.Store.LightweightSession();
            prepare(i, session);
            try
            {
                await session.SaveChangesAsync();
                return (session, (Exception?)null);
            }
            catch (Exception e)
            {
                return (session, e);
            }
        });

    /// <summary>Starts <paramref name="count"/> saves behind the gate, opens it, and waits for what they return.</summary>
    public static async Task<T[]> QueueAsync<T>(TestStore test, int count, Func<int, Task<T>> save)
    {
        await using var gate = await CloseAsync(test);
        // A save joins the queue before it first yields: all of them are queued when the gate opens.
        var saves = Enumerable.Range(0, count).Select(save).ToList();
        await gate.OpenAsync();
        return await Task.WhenAll(saves).WaitAsync(Patience);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<CommitGate> CloseAsync(TestStore test)
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
            CREATE OR REPLACE TRIGGER wait_at_commit_gate BEFORE INSERT ON {schema}.events
                FOR EACH STATEMENT EXECUTE FUNCTION {schema}.wait_at_commit_gate();
            """);

        var first = test.Store.LightweightSession();
        first.Events.Append("gate/" + Guid.NewGuid(), new Deposited(0));
        var held = first.SaveChangesAsync();
        var waiting = await Eventually.Get(
            () => test.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND query LIKE '%{schema}.events%'"),
            count => count > 0,
            TimeSpan.FromSeconds(10));
        if (waiting == 0)
        {
            throw new InvalidOperationException("The first commit never reached the gate.");
        }

        return new CommitGate(test, held);
    }

    /// <summary>Lets the held commit through; the sessions queued meanwhile follow it as groups.</summary>
    private async Task OpenAsync()
    {
        await test.ExecuteAsync("DELETE FROM {schema}.commit_gate");
        await held.WaitAsync(Patience);
    }
}

using Npgsql;
using Platform.EventStore.Sessions;
using Platform.Testing;

namespace Platform.EventStore.Tests;

/// <summary>
/// Holds a store's commits at a lock on its events table: a first session takes the commit and waits there, so the
/// sessions saved meanwhile queue behind it and go together once the gate opens, whatever the timing of the machine.
/// </summary>
internal sealed class CommitGate(NpgsqlConnection connection, NpgsqlTransaction transaction, Task held) : IAsyncDisposable
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

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private static async Task<CommitGate> CloseAsync(TestStore test)
    {
        var connection = await test.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"LOCK TABLE {test.Schema}.events IN SHARE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        var first = test.Store.LightweightSession();
        first.Events.Append("gate/" + Guid.NewGuid(), new Deposited(0));
        var held = first.SaveChangesAsync();
        var waiting = await Eventually.Get(
            () => test.ScalarAsync("SELECT count(*) FROM pg_locks WHERE relation = '{schema}.events'::regclass AND NOT granted"),
            count => count > 0,
            TimeSpan.FromSeconds(10));
        if (waiting == 0)
        {
            throw new InvalidOperationException("The first commit never reached the gate.");
        }

        return new CommitGate(connection, transaction, held);
    }

    /// <summary>Lets the held commit through; the sessions queued meanwhile follow it as groups.</summary>
    private async Task OpenAsync()
    {
        await transaction.CommitAsync();
        await held.WaitAsync(Patience);
    }
}

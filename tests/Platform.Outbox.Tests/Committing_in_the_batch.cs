using Marten;
using Npgsql;
using Platform.Outbox.Store;
using Xunit;

namespace Platform.Outbox.Tests;

/// <summary>
/// A unit of work whose COMMIT rides in its batch (<see cref="CommitInBatch"/>, as a group commits) writes all of its
/// statements in the transaction or none: a statement queued after the COMMIT would run outside it.
/// </summary>
public sealed class Committing_in_the_batch
{
    [Fact]
    public async Task Refuses_to_commit_when_a_statement_would_follow_the_commit_and_writes_nothing()
    {
        await using var test = await TestStore.CreateAsync();
        await using var unit = await UnitOfWork.OpenAsync(test, new QueuesAfterTheCommit());
        unit.Session.Events.Append("late/1", new Deposited(1));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => unit.Session.SaveChangesAsync());

        Assert.Contains("COMMIT must be the last statement", refused.Message, StringComparison.Ordinal);
        await unit.Transaction.DisposeAsync();
        Assert.Equal(0, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE stream_id = 'late/1'"));
        Assert.Equal(0, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_streams WHERE id = 'late/2'"));
    }

    [Fact]
    public async Task Commits_every_statement_of_the_unit_of_work_with_the_commit_last()
    {
        await using var test = await TestStore.CreateAsync();
        await using var unit = await UnitOfWork.OpenAsync(test);
        unit.Session.Events.Append("committed/1", new Deposited(1));
        unit.Session.QueueSqlCommand($"INSERT INTO {test.Schema}.mt_streams (id, version) VALUES ('committed/2', 0)");
        await unit.Session.SaveChangesAsync();

        // Committed by the batch: visible to another connection while the transaction object is still undisposed,
        // and disposing it (which rolls back a transaction still open) takes nothing away.
        Assert.Equal(2, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_streams WHERE id LIKE 'committed/%'"));
        await unit.Transaction.DisposeAsync();
        Assert.Equal(2, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_streams WHERE id LIKE 'committed/%'"));
    }

    /// <summary>A session in a transaction of ours that it must not commit, its COMMIT in its batch, as a group's.</summary>
    private sealed record UnitOfWork(NpgsqlConnection Connection, NpgsqlTransaction Transaction, IDocumentSession Session) : IAsyncDisposable
    {
        public static async Task<UnitOfWork> OpenAsync(TestStore test, params IDocumentSessionListener[] after)
        {
            var connection = await test.DataSource.OpenConnectionAsync();
            var transaction = await connection.BeginTransactionAsync();
            var options = CommitInBatch.In(transaction);
            foreach (var listener in after)
            {
                options.Listeners.Add(listener);
            }

            return new UnitOfWork(connection, transaction, test.Store.LightweightSession(options));
        }

        public async ValueTask DisposeAsync()
        {
            await Session.DisposeAsync();
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }

    /// <summary>Queues a write once the session is saved, after every listener before it.</summary>
    private sealed class QueuesAfterTheCommit : DocumentSessionListenerBase
    {
        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            session.QueueSqlCommand($"INSERT INTO {session.DocumentStore.Options.DatabaseSchemaName}.mt_streams (id, version) VALUES ('late/2', 0)");
            return Task.CompletedTask;
        }
    }
}

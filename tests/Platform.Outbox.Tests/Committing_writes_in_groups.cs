using System.Diagnostics;
using JasperFx.Events.Projections;
using Npgsql;
using Platform.Contracts;
using Platform.Outbox.Store;
using Platform.Testing;
using Xunit;

namespace Platform.Outbox.Tests;

/// <summary>
/// Writes saved while a commit runs go together in one Marten session and transaction (the rows one transaction
/// writes share its <c>xmin</c>); a group that fails is dropped and each of its writes commits alone. Most tests queue
/// their writes behind a <see cref="CommitGate"/>, so that they are grouped on any machine.
/// </summary>
public sealed class Committing_writes_in_groups
{
    [Fact]
    public async Task Records_every_one_of_many_concurrent_writes_with_some_sharing_a_transaction()
    {
        await using var test = await TestStore.CreateAsync();
        var commits = new GroupCommits(test.Store, test.DataSource);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            commits.SaveAsync(session => session.Events.Append($"burst/{i}", new Deposited(i))))).WaitAsync(TimeSpan.FromSeconds(60));

        // One event per write: committed one by one, every row would have a transaction of its own.
        var transactions = await TransactionSizesAsync(test, "stream_id LIKE 'burst/%'");
        Assert.Equal(200, await test.ScalarAsync("SELECT count(DISTINCT stream_id) FROM {schema}.mt_events WHERE version = 1"));
        Assert.Equal(200, transactions.Sum());
        Assert.True(transactions.Count < 200, $"All 200 writes committed in transactions of their own: [{string.Join(", ", transactions)}]");
        Assert.InRange(transactions[0], 2, GroupCommits.MaxGroup);
    }

    [Fact]
    public async Task Commits_the_writes_saved_during_a_commit_together_at_most_64_to_a_transaction()
    {
        await using var test = await TestStore.CreateAsync();
        var commits = new GroupCommits(test.Store, test.DataSource);

        var saved = await CommitGate.SaveAsync(test, commits, 100, (i, session) => session.Events.Append($"queued/{i}", new Deposited(i)));

        Assert.All(saved, Assert.Null);
        Assert.Equal([64L, 36L], await TransactionSizesAsync(test, "stream_id LIKE 'queued/%'"));
        Assert.Equal(100, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE stream_id LIKE 'queued/%' AND version = 1"));
    }

    [Fact]
    public async Task Lets_unrelated_writes_commit_while_one_waits_for_a_row_another_transaction_holds()
    {
        await using var test = await TestStore.CreateAsync();
        var commits = new GroupCommits(test.Store, test.DataSource);
        // Another transaction has started the stream and not committed: a write to it waits for that row.
        await using var other = await test.DataSource.OpenConnectionAsync();
        await using var holding = await other.BeginTransactionAsync();
        await using (var start = new NpgsqlCommand($"INSERT INTO {test.Schema}.mt_streams (id, version) VALUES ('account/held', 1)", other, holding))
        {
            await start.ExecuteNonQueryAsync();
        }

        var blocked = commits.SaveAsync(session => session.Events.Append("account/held", new Deposited(1)));
        await Eventually.Get(() => test.ScalarAsync("SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted"), n => n > 0,
            TimeSpan.FromSeconds(10));

        // Saved behind the waiting one: it gives up on the lock in the group committer and waits in its own flow, and
        // the unrelated writes go on.
        var unrelated = Enumerable.Range(0, 10)
            .Select(i => commits.SaveAsync(session => session.Events.Append($"account/free-{i}", new Deposited(i)))).ToList();
        await Task.WhenAll(unrelated).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(blocked.IsCompleted);

        await holding.RollbackAsync();
        await blocked.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await test.ScalarAsync("SELECT max(version) FROM {schema}.mt_events WHERE stream_id = 'account/held'"));
        Assert.Equal(10, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE stream_id LIKE 'account/free-%'"));
    }

    [Fact]
    public async Task Lets_only_one_of_two_writes_of_a_group_start_the_same_stream()
    {
        await using var test = await TestStore.CreateAsync();
        var commits = new GroupCommits(test.Store, test.DataSource);

        var saved = await CommitGate.SaveAsync(test, commits, 20, (i, session) =>
            session.Events.StartStream(i is 3 or 11 ? "shared/started" : $"own/{i}", new Deposited(i)));

        var failed = Assert.Single(saved, e => e is not null);
        Assert.True(StoreErrors.IsConcurrencyConflict(failed!), failed!.ToString());
        Assert.Equal(1, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE stream_id = 'shared/started'"));
        Assert.Equal(18, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE stream_id LIKE 'own/%'"));
    }

    [Fact]
    public async Task Writes_nothing_for_a_caller_that_gave_up_before_saving()
    {
        await using var test = await TestStore.CreateAsync();
        var commits = new GroupCommits(test.Store, test.DataSource);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            commits.SaveAsync(session => session.Events.Append("account/cancelled", new Deposited(1)), new CancellationToken(canceled: true)));

        Assert.Equal(0, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE stream_id = 'account/cancelled'"));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(5L)]
    public async Task Fails_only_the_conflicting_write_of_a_group_and_commits_every_other_one_once(long expected)
    {
        await using var test = await TestStore.CreateAsync();
        var commits = new GroupCommits(test.Store, test.DataSource);
        await using (var open = test.Store.LightweightSession())
        {
            open.Events.StartStream("account/taken", new AccountOpened("first"), new Deposited(1));
            await open.SaveChangesAsync();
        }

        var saved = await CommitGate.SaveAsync(test, commits, 40, (i, session) =>
        {
            if (i == 20)
            {
                session.Events.Write("account/taken", expected, [new Deposited(1000)]);
            }
            else if (i % 2 == 0)
            {
                // At any version: committed twice, it would show as version 2.
                session.Events.Append($"other/{i}", new Deposited(i));
            }
            else
            {
                session.Events.StartStream($"other/{i}", new AccountOpened($"owner-{i}"));
            }
        });

        Assert.True(saved[20] is not null && StoreErrors.IsConcurrencyConflict(saved[20]!), saved[20]?.ToString());
        Assert.All(saved.Where((_, i) => i != 20), Assert.Null);
        Assert.Equal(new Account("first", 1) { Id = "account/taken" }, await test.AccountAsync("account/taken"));
        Assert.Equal(39, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE stream_id LIKE 'other/%' AND version = 1"));
        Assert.Equal(39, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE stream_id LIKE 'other/%'"));
    }

    [Fact]
    public async Task Appends_each_write_of_a_group_after_the_version_it_read_and_fails_only_the_one_whose_stream_moved()
    {
        await using var test = await TestStore.CreateAsync();
        var commits = new GroupCommits(test.Store, test.DataSource);
        for (var i = 0; i < 30; i++)
        {
            await using var open = test.Store.LightweightSession();
            open.Events.StartStream($"ledger/{i}", [.. Enumerable.Range(0, i % 3 + 1).Select(n => (object)new Deposited(n))]);
            await open.SaveChangesAsync();
        }

        // Each write expects its stream where it is; the even ones append two events.
        var grouped = await CommitGate.SaveAsync(test, commits, 30, (i, session) => session.Events.Write(
            $"ledger/{i}", i % 3 + 1, [.. Enumerable.Range(0, i % 2 == 0 ? 2 : 1).Select(n => (object)new Deposited(100 + n))]));

        Assert.All(grouped, Assert.Null);
        Assert.Contains(await TransactionSizesAsync(test, "stream_id LIKE 'ledger/%' AND (data->>'amount')::numeric >= 100"), size => size > 2);
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(i % 3 + 1 + (i % 2 == 0 ? 2 : 1), await EndAsync(i, 100));
        }

        // Now write 7 expects its stream where it was before the round above.
        var saved = await CommitGate.SaveAsync(test, commits, 30, (i, session) => session.Events.Write(
            $"ledger/{i}", i == 7 ? 2 : i % 3 + 1 + (i % 2 == 0 ? 2 : 1), [new Deposited(200)]));

        Assert.True(saved[7] is not null && StoreErrors.IsConcurrencyConflict(saved[7]!), saved[7]?.ToString());
        Assert.All(saved.Where((_, i) => i != 7), Assert.Null);
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(i == 7 ? 0 : i % 3 + 1 + (i % 2 == 0 ? 2 : 1) + 1, await EndAsync(i, 200));
        }

        Task<long> EndAsync(int stream, int amount) => test.ScalarAsync(
            $"SELECT coalesce(max(version), 0) FROM {{schema}}.mt_events WHERE stream_id = 'ledger/{stream}' AND (data->>'amount')::numeric >= {amount}");
    }

    [Fact]
    public async Task Fails_only_the_write_that_cannot_be_committed_and_commits_the_rest_of_its_group()
    {
        await using var test = await TestStore.CreateAsync();
        var commits = new GroupCommits(test.Store, test.DataSource);

        var saved = await CommitGate.SaveAsync(test, commits, 20, (i, session) =>
        {
            session.Events.Append($"account/{i}", new Deposited(i));
            if (i == 7)
            {
                session.QueueSqlCommand("SELECT 1 / 0");
            }
        });

        Assert.Contains("division by zero", saved[7]?.ToString(), StringComparison.Ordinal);
        Assert.All(saved.Where((_, i) => i != 7), Assert.Null);
        Assert.Equal(19, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE stream_id LIKE 'account/%'"));
    }

    [Fact]
    public async Task Commits_one_of_two_writes_marking_the_same_message_in_a_group_and_every_other_write()
    {
        await using var test = await TestStore.CreateAsync();
        var commits = new GroupCommits(test.Store, test.DataSource);
        var redelivered = Guid.NewGuid();

        var saved = await CommitGate.QueueAsync(test, commits, 40, i => commits.SaveOnceAsync(session =>
        {
            session.MarkProcessed("deposits", i is 10 or 30 ? redelivered : Guid.NewGuid());
            session.Events.Append($"account/{i}", new Deposited(i));
        }));

        var loser = Assert.Single(new[] { 10, 30 }, i => !saved[i]);
        Assert.All(saved.Where((_, i) => i != loser), Assert.True);
        Assert.Equal(0, await test.ScalarAsync($"SELECT count(*) FROM {{schema}}.mt_events WHERE stream_id = 'account/{loser}'"));
        Assert.Equal(39, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE stream_id LIKE 'account/%' AND version = 1"));
        Assert.Equal(39, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE stream_id LIKE 'account/%'"));
        Assert.Equal(39, await test.ScalarAsync("SELECT count(*) FROM {schema}.inbox WHERE consumer = 'deposits'"));
    }

    [Fact]
    public async Task Keeps_each_writes_correlation_causation_user_and_trace_with_its_own_events_and_messages()
    {
        await using var test = await TestStore.CreateAsync();
        var commits = new GroupCommits(test.Store, test.DataSource);

        // Each save in an activity of its own, current in its flow only.
        var written = await CommitGate.QueueAsync(test, commits, 20, async i =>
        {
            using var activity = new Activity("write").SetIdFormat(ActivityIdFormat.W3C).Start();
            activity.TraceStateString = $"session={i}";
            var (correlation, causation, messageId) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid());
            await commits.SaveAsync(session =>
            {
                session.CorrelationId = correlation;
                session.CausationId = causation;
                session.LastModifiedBy = $"user-{i}@example.com";
                session.Events.Append($"account/{i}", new Deposited(i));
                session.Publish(new UserDiscovered
                {
                    EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = "example.com", Email = $"user-{i}@example.com",
                    Source = "api",
                }, messageId, $"account/{i}");
            });
            return (Stream: $"account/{i}", Expected: $"{correlation}|{causation}|user-{i}@example.com|{activity.Id}", MessageId: messageId,
                Outbox: $"{correlation}|{activity.Id}|session={i}");
        });

        Assert.Equal([20L], await TransactionSizesAsync(test, "stream_id LIKE 'account/%'"));
        Assert.Equal(20, written.Select(w => w.Expected).Distinct().Count());
        foreach (var (stream, expected, messageId, outbox) in written)
        {
            Assert.Equal([expected], await test.RowsAsync(
                $"SELECT correlation_id || '|' || causation_id || '|' || user_name || '|' || (headers->>'traceparent') FROM {{schema}}.mt_events WHERE stream_id = '{stream}'"));
            Assert.Equal([outbox], await test.RowsAsync(
                $"SELECT correlation_id || '|' || traceparent || '|' || tracestate FROM {{schema}}.outbox WHERE message_id = '{messageId}'"));
        }
    }

    [Fact]
    public async Task Runs_inline_projections_over_the_events_of_every_write_of_a_group()
    {
        await using var test = await TestStore.CreateAsync(o => o.Projections.Add(new AccountSnapshots(), ProjectionLifecycle.Inline));
        var commits = new GroupCommits(test.Store, test.DataSource);
        await using (var open = test.Store.LightweightSession())
        {
            for (var account = 0; account < 30; account++)
            {
                open.Events.StartStream($"account/{account}", new AccountOpened($"owner-{account}"));
            }

            await open.SaveChangesAsync();
        }

        // Each write appends two events to its account at the version it read (as every write to a stream with an
        // inline snapshot must: see docs/eventstore.md).
        var saved = await CommitGate.SaveAsync(test, commits, 30, (i, session) =>
            session.Events.Write($"account/{i}", 1, [new Deposited(i), new Deposited(100)]));

        Assert.All(saved, Assert.Null);
        Assert.Equal([60L], await TransactionSizesAsync(test, "stream_id LIKE 'account/%' AND type = 'deposited'"));
        await using var query = test.Store.QuerySession();
        for (var account = 0; account < 30; account++)
        {
            var snapshot = await query.LoadAsync<AccountSnapshot>($"account/{account}");
            Assert.Equal(new AccountSnapshot(new Account($"owner-{account}", account + 100) { Id = $"account/{account}" }, 3) { Id = $"account/{account}" }, snapshot);
        }
    }

    [Fact]
    public async Task Commits_a_group_in_the_round_trip_that_writes_it()
    {
        var sent = new RoundTrips();
        await using var test = await TestStore.CreateAsync(dataSource: builder => builder.UseLoggerFactory(sent));
        var commits = new GroupCommits(test.Store, test.DataSource);

        var saved = await CommitGate.SaveAsync(test, commits, 10, (i, session) =>
        {
            session.Events.Append($"trip/{i}", new Deposited(i));
            session.Publish(new UserDiscovered
            {
                EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = "example.com", Email = $"user-{i}@example.com", Source = "api",
            }, Guid.NewGuid(), $"trip/{i}");
        });

        Assert.All(saved, Assert.Null);
        Assert.Equal([10L], await TransactionSizesAsync(test, "stream_id LIKE 'trip/%'"));
        Assert.Equal(10, await test.ScalarAsync("SELECT count(*) FROM {schema}.outbox WHERE stream_id LIKE 'trip/%'"));
        // Every batch that wrote events and messages ended with their COMMIT; no transaction took a round trip to commit.
        var writes = sent.Batches.Where(b => b.Any(s => s.StartsWith("select", StringComparison.OrdinalIgnoreCase) &&
                                                    s.Contains("mt_quick_append_events", StringComparison.Ordinal))).ToList();
        Assert.Equal(2, writes.Count); // the write that holds the gate, then the group
        Assert.All(writes, b => Assert.Equal("COMMIT", b[^1]));
        Assert.Contains(writes[^1], s => s.Contains(".outbox", StringComparison.Ordinal));
        Assert.Equal(0, sent.SeparateCommits);
    }

    /// <summary>How many of the matching events each transaction wrote, largest first.</summary>
    private static async Task<List<long>> TransactionSizesAsync(TestStore test, string where)
    {
        await using var command = test.DataSource.CreateCommand($$"""
            SELECT coalesce(array_agg(n ORDER BY n DESC), '{}')
            FROM (SELECT count(*) AS n FROM {{test.Schema}}.mt_events WHERE {{where}} GROUP BY xmin::text) AS transactions
            """);
        return [.. (long[])(await command.ExecuteScalarAsync())!];
    }
}

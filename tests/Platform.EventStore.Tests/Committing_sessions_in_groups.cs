using System.Diagnostics;
using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Sessions;
using Platform.EventStore.Tests.Projections;
using Platform.Testing;
using Xunit;

namespace Platform.EventStore.Tests;

/// <summary>
/// Sessions saved while a commit runs go together in one transaction (the rows one transaction writes share its
/// <c>xmin</c>); a group that fails is rolled back and each of its sessions commits alone. Most tests queue their
/// sessions behind a <see cref="CommitGate"/>, so that they are grouped on any machine.
/// </summary>
public sealed class Committing_sessions_in_groups
{
    [Fact]
    public async Task Records_every_one_of_many_concurrent_sessions_with_some_sharing_a_transaction()
    {
        await using var test = await TestStore.CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            var session = test.Store.LightweightSession();
            session.Events.Append($"burst/{i}", new Deposited(i));
            await session.SaveChangesAsync();
        })).WaitAsync(TimeSpan.FromSeconds(30));

        // One event per session: committed one by one, every row would have a transaction of its own.
        var transactions = await TransactionSizesAsync(test, "stream_id LIKE 'burst/%'");
        Assert.Equal(200, await test.ScalarAsync("SELECT count(DISTINCT stream_id) FROM {schema}.events WHERE version = 1"));
        Assert.Equal(200, transactions.Sum());
        Assert.True(transactions.Count < 200, $"All 200 sessions committed in transactions of their own: [{string.Join(", ", transactions)}]");
        Assert.InRange(transactions[0], 2, GroupCommitter.MaxGroup);
    }

    [Fact]
    public async Task Lets_unrelated_sessions_commit_while_one_waits_for_a_row_another_transaction_holds()
    {
        await using var test = await TestStore.CreateAsync();
        var (other, holding) = await test.WriteUncommittedAsync("account/held");
        await using var _ = other;
        await using var __ = holding;

        var waiting = test.Store.LightweightSession();
        waiting.Events.Append("account/held", new Deposited(1));
        var blocked = waiting.SaveChangesAsync();
        await Eventually.Get(() => test.ScalarAsync("SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted"), n => n > 0,
            TimeSpan.FromSeconds(10));

        // Saved behind the waiting one: its group gives up on the lock, and the unrelated sessions go on.
        var unrelated = Enumerable.Range(0, 10).Select(async i =>
        {
            var session = test.Store.LightweightSession();
            session.Events.Append($"account/free-{i}", new Deposited(i));
            await session.SaveChangesAsync();
        }).ToList();
        await Task.WhenAll(unrelated).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(blocked.IsCompleted);

        await holding.RollbackAsync();
        await blocked.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, (await test.Store.FetchStreamAsync("account/held")).Single().Version);
        Assert.Equal(10, await test.ScalarAsync("SELECT count(*) FROM {schema}.events WHERE stream_id LIKE 'account/free-%'"));
    }

    [Fact]
    public async Task Lets_only_one_of_two_sessions_of_a_group_start_the_same_stream()
    {
        await using var test = await TestStore.CreateAsync();

        var saved = await CommitGate.SaveAsync(test, 20, (i, session) =>
            session.Events.StartStream(i is 3 or 11 ? "shared/started" : $"own/{i}", new Deposited(i)));

        var failed = Assert.Single(saved, s => s.Error is not null);
        Assert.IsType<ConcurrencyException>(failed.Error);
        Assert.Single(await test.Store.FetchStreamAsync("shared/started"));
        Assert.Equal(18, await test.ScalarAsync("SELECT count(*) FROM {schema}.events WHERE stream_id LIKE 'own/%'"));
    }

    [Fact]
    public async Task Writes_nothing_for_a_caller_that_gave_up_before_saving()
    {
        await using var test = await TestStore.CreateAsync();
        var session = test.Store.LightweightSession();
        session.Events.Append("account/cancelled", new Deposited(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.SaveChangesAsync(new CancellationToken(canceled: true)));

        Assert.Empty(await test.Store.FetchStreamAsync("account/cancelled"));
    }

    [Fact]
    public async Task Commits_a_session_of_many_events_alone_beside_a_group()
    {
        await using var test = await TestStore.CreateAsync();

        var saved = await CommitGate.SaveAsync(test, 20, (i, session) =>
        {
            var events = i == 7 ? GroupCommitter.MaxGroupedEvents + 1 : 1;
            session.Events.StartStream($"import/{i}", Enumerable.Range(0, events).Select(n => (object)new Deposited(n)).ToArray());
        });

        Assert.All(saved, s => Assert.Null(s.Error));
        var transactions = await TransactionSizesAsync(test, "stream_id LIKE 'import/%'");
        Assert.Contains(GroupCommitter.MaxGroupedEvents + 1, transactions);
        Assert.Contains(19, transactions);
    }

    [Fact]
    public async Task Commits_the_sessions_saved_during_a_commit_together_at_most_64_to_a_transaction()
    {
        await using var test = await TestStore.CreateAsync();

        var saved = await CommitGate.SaveAsync(test, 100, (i, session) => session.Events.Append($"queued/{i}", new Deposited(i)));

        Assert.All(saved, s => Assert.Null(s.Error));
        Assert.Equal([64L, 36L], await TransactionSizesAsync(test, "stream_id LIKE 'queued/%'"));
        Assert.Equal(100, await test.ScalarAsync("SELECT count(*) FROM {schema}.events WHERE stream_id LIKE 'queued/%' AND version = 1"));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(5L)]
    public async Task Fails_only_the_conflicting_session_of_a_group_and_commits_every_other_one_once(long expected)
    {
        await using var test = await TestStore.CreateAsync();
        var open = test.Store.LightweightSession();
        open.Events.StartStream("account/taken", new AccountOpened("first"), new Deposited(1));
        await open.SaveChangesAsync();

        var saved = await CommitGate.SaveAsync(test, 40, (i, session) =>
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

        var conflict = Assert.IsType<ConcurrencyException>(saved[20].Error);
        Assert.Equal(("account/taken", expected, 2L), (conflict.StreamId, conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.All(saved.Where((_, i) => i != 20), s => Assert.Null(s.Error));
        Assert.Equal(new Account("first", 1), (await test.Store.AggregateStreamAsync<Account>("account/taken")).State);
        Assert.Equal(39, await test.ScalarAsync("SELECT count(*) FROM {schema}.events WHERE stream_id LIKE 'other/%' AND version = 1"));
        Assert.Equal(39, await test.ScalarAsync("SELECT count(*) FROM {schema}.events WHERE stream_id LIKE 'other/%'"));
    }

    [Fact]
    public async Task Appends_each_session_of_a_group_after_the_version_it_expects_and_fails_only_the_one_whose_stream_moved()
    {
        await using var test = await TestStore.CreateAsync();
        for (var i = 0; i < 30; i++)
        {
            var open = test.Store.LightweightSession();
            open.Events.StartStream($"ledger/{i}", [.. Enumerable.Range(0, i % 3 + 1).Select(n => (object)new Deposited(n))]);
            await open.SaveChangesAsync();
        }

        // Each session expects its stream where it is; the even ones append two events.
        var grouped = await CommitGate.SaveAsync(test, 30, (i, session) => session.Events.Append(
            $"ledger/{i}", i % 3 + 1, [.. Enumerable.Range(0, i % 2 == 0 ? 2 : 1).Select(n => (object)new Deposited(100 + n))]));

        Assert.All(grouped, s => Assert.Null(s.Error));
        Assert.Contains(await TransactionSizesAsync(test, "stream_id LIKE 'ledger/%' AND (data->>'amount')::numeric >= 100"), size => size > 2);
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(i % 3 + 1 + (i % 2 == 0 ? 2 : 1), await EndAsync(i, 100));
        }

        // Now session 7 expects its stream where it was before the round above.
        var saved = await CommitGate.SaveAsync(test, 30, (i, session) => session.Events.Append(
            $"ledger/{i}", i == 7 ? 2 : i % 3 + 1 + (i % 2 == 0 ? 2 : 1), new Deposited(200)));

        var conflict = Assert.IsType<ConcurrencyException>(saved[7].Error);
        Assert.Equal(("ledger/7", 2L, 3L), (conflict.StreamId, conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.All(saved.Where((_, i) => i != 7), s => Assert.Null(s.Error));
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(i == 7 ? 0 : i % 3 + 1 + (i % 2 == 0 ? 2 : 1) + 1, await EndAsync(i, 200));
        }

        Task<long> EndAsync(int stream, int amount) => test.ScalarAsync(
            $"SELECT coalesce(max(version), 0) FROM {{schema}}.events WHERE stream_id = 'ledger/{stream}' AND (data->>'amount')::numeric >= {amount}");
    }

    [Fact]
    public async Task Fails_only_the_session_that_cannot_be_written_and_commits_the_rest_of_its_group()
    {
        await using var test = await TestStore.CreateAsync();

        var saved = await CommitGate.SaveAsync(test, 20, (i, session) =>
            session.Events.Append($"account/{i}", i == 7 ? new NotAnEventOfTheStore() : new Deposited(i)));

        Assert.IsType<UnknownEventTypeException>(saved[7].Error);
        Assert.All(saved.Where((_, i) => i != 7), s => Assert.Null(s.Error));
        Assert.Equal(19, await test.ScalarAsync("SELECT count(*) FROM {schema}.events WHERE stream_id LIKE 'account/%'"));
    }

    [Fact]
    public async Task Commits_one_of_two_sessions_marking_the_same_message_in_a_group_and_every_other_session()
    {
        await using var test = await TestStore.CreateAsync();
        var redelivered = Guid.NewGuid();

        var saved = await CommitGate.SaveAsync(test, 40, (i, session) =>
        {
            session.MarkProcessed("deposits", i is 10 or 30 ? redelivered : Guid.NewGuid());
            session.Events.Append($"account/{i}", new Deposited(i));
        });

        var loser = Assert.Single(new[] { 10, 30 }, i => saved[i].Error is not null);
        var duplicate = Assert.IsType<DuplicateMessageException>(saved[loser].Error);
        Assert.Equal(("deposits", redelivered), (duplicate.Consumer, duplicate.MessageId));
        Assert.All(saved.Where((_, i) => i != loser), s => Assert.Null(s.Error));
        Assert.Empty(await test.Store.FetchStreamAsync($"account/{loser}"));
        Assert.Equal(39, await test.ScalarAsync("SELECT count(*) FROM {schema}.events WHERE stream_id LIKE 'account/%' AND version = 1"));
        Assert.Equal(39, await test.ScalarAsync("SELECT count(*) FROM {schema}.events WHERE stream_id LIKE 'account/%'"));
        Assert.Equal(39, await test.ScalarAsync("SELECT count(*) FROM {schema}.inbox WHERE consumer = 'deposits'"));
    }

    [Fact]
    public async Task Keeps_each_sessions_correlation_actor_and_trace_with_its_own_events_and_messages()
    {
        await using var test = await TestStore.CreateAsync();

        // Each save in an activity of its own, current in its flow only.
        var written = await CommitGate.QueueAsync(test, 20, async i =>
        {
            using var activity = new Activity("write").SetIdFormat(ActivityIdFormat.W3C).Start();
            activity.TraceStateString = $"session={i}";
            var session = test.Store.LightweightSession();
            session.CorrelationId = Guid.NewGuid();
            session.CausationId = Guid.NewGuid();
            session.Actor = $"user-{i}@example.com";
            session.Events.Append($"account/{i}", new Deposited(i));
            var messageId = Guid.NewGuid();
            session.Publish(new Platform.Contracts.UserDiscovered
            {
                EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = "example.com", Email = $"user-{i}@example.com",
                Source = "api",
            }, messageId, $"account/{i}");
            var metadata = new EventMetadata
            {
                CorrelationId = session.CorrelationId, CausationId = session.CausationId, Actor = session.Actor, TraceParent = activity.Id,
            };
            await session.SaveChangesAsync();
            return (Stream: $"account/{i}", Metadata: metadata, MessageId: messageId, TraceState: activity.TraceStateString);
        });

        Assert.Equal([20L], await TransactionSizesAsync(test, "stream_id LIKE 'account/%'"));
        Assert.Equal(20, written.Select(w => w.Metadata.TraceParent).Distinct().Count());
        foreach (var (stream, metadata, messageId, traceState) in written)
        {
            Assert.Equal(metadata, (await test.Store.FetchStreamAsync(stream)).Single().Metadata);
            Assert.Equal((metadata.CorrelationId, metadata.TraceParent, traceState), await OutboxContextAsync(test, messageId));
        }
    }

    [Fact]
    public async Task Gives_each_session_of_a_group_exactly_the_events_it_recorded()
    {
        await using var test = await TestStore.CreateAsync();
        // Even sessions start two streams (one multi-row insert), odd ones append one to four events to one stream.
        static string[] Streams(int i) => i % 2 == 0 ? [$"account/{i}/a", $"account/{i}/b"] : [$"account/{i}"];
        static int Events(int i) => i % 2 == 0 ? 3 : i % 4 + 1;

        var saved = await CommitGate.SaveAsync(test, 30, (i, session) =>
        {
            session.Actor = $"user-{i}";
            if (i % 2 == 0)
            {
                session.Events.StartStream(Streams(i)[0], new AccountOpened($"owner-{i}"));
                session.Events.StartStream(Streams(i)[1], new AccountOpened($"owner-{i}"), new Deposited(i));
            }
            else
            {
                session.Events.Append(Streams(i)[0], [.. Enumerable.Range(1, Events(i)).Select(d => (object)new Deposited(d))]);
            }
        });

        Assert.All(saved, s => Assert.Null(s.Error));
        Assert.Equal([(long)Enumerable.Range(0, 30).Sum(Events)], await TransactionSizesAsync(test, "stream_id LIKE 'account/%'"));
        for (var i = 0; i < saved.Length; i++)
        {
            var stored = new List<RecordedEvent>();
            foreach (var stream in Streams(i))
            {
                stored.AddRange(await test.Store.FetchStreamAsync(stream));
            }

            var recorded = saved[i].Session.Recorded;
            Assert.Equal(Events(i), recorded.Count);
            Assert.Equal(stored.OrderBy(e => e.Position), recorded);
            Assert.All(recorded, e => Assert.Equal($"user-{i}", e.Metadata.Actor));
        }
    }

    [Fact]
    public async Task Runs_inline_projections_once_for_each_event_of_a_group()
    {
        await using var test = await TestStore.CreateAsync(o => o.InlineProjections.Add(new BalanceProjection(o.Schema, "balances")));
        var open = test.Store.LightweightSession();
        for (var account = 0; account < 10; account++)
        {
            open.Events.StartStream($"account/{account}", new AccountOpened($"owner-{account}"));
        }

        await open.SaveChangesAsync();

        // Three sessions a stream, each appending after the one before it in the same transaction.
        var saved = await CommitGate.SaveAsync(test, 30, (i, session) => session.Events.Append($"account/{i % 10}", new Deposited(i)));

        Assert.All(saved, s => Assert.Null(s.Error));
        Assert.Equal([30L], await TransactionSizesAsync(test, "stream_id LIKE 'account/%' AND type = 'deposited'"));
        Assert.Equal(
            Enumerable.Range(0, 10).Select(a => $"account/{a}|owner-{a}|{3 * a + 30}|4"),
            (await BalanceProjection.SnapshotAsync(test.DataSource, test.Schema, "balances")).Where(r => r.StartsWith("account/", StringComparison.Ordinal)));
        Assert.Equal(await test.ScalarAsync("SELECT count(*) FROM {schema}.events"),
            await test.ScalarAsync("SELECT count(*) FROM {schema}.balances_applied"));
    }

    /// <summary>How many of the matching events each transaction wrote, largest first.</summary>
    private static async Task<List<long>> TransactionSizesAsync(TestStore test, string where)
    {
        await using var command = test.DataSource.CreateCommand($$"""
            SELECT coalesce(array_agg(n ORDER BY n DESC), '{}')
            FROM (SELECT count(*) AS n FROM {{test.Schema}}.events WHERE {{where}} GROUP BY xmin::text) AS transactions
            """);
        return [.. (long[])(await command.ExecuteScalarAsync())!];
    }

    private static async Task<(Guid? CorrelationId, string? TraceParent, string? TraceState)> OutboxContextAsync(TestStore test, Guid messageId)
    {
        await using var command = test.DataSource.CreateCommand(
            $"SELECT correlation_id, traceparent, tracestate FROM {test.Schema}.outbox WHERE message_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No outbox row for message {messageId}.");
        return (reader.IsDBNull(0) ? null : reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    private sealed record NotAnEventOfTheStore;
}

using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.EventStore.Projections;
using Xunit;

namespace Platform.EventStore.Tests.Projections;

public sealed class Projecting_events
{
    [Fact]
    public async Task Updates_an_inline_projection_in_the_writing_transaction_only()
    {
        await using var test = await TestStore.CreateAsync(o => o.InlineProjections.Add(new BalanceProjection(o.Schema, "balances")));
        var session = test.Store.LightweightSession();
        session.Events.StartStream("account/1", new AccountOpened("alice"), new Deposited(40));
        await session.SaveChangesAsync();
        var conflicting = test.Store.LightweightSession();
        conflicting.Events.StartStream("account/1", new Deposited(1000));

        await Assert.ThrowsAsync<ConcurrencyException>(() => conflicting.SaveChangesAsync());

        Assert.Equal(["account/1|alice|40|2"], await BalanceProjection.SnapshotAsync(test.DataSource, test.Schema, "balances"));
    }

    [Fact]
    public async Task Rebuilds_from_position_zero_into_exactly_what_the_inline_projection_built()
    {
        await using var test = await TestStore.CreateAsync(o => o.InlineProjections.Add(new BalanceProjection(o.Schema, "balances")));
        await WriteAccounts(test.Store, accounts: 20, depositsEach: 10);
        var inline = await BalanceProjection.SnapshotAsync(test.DataSource, test.Schema, "balances");

        await Daemon(test.Store).RebuildAsync("balances");

        Assert.Equal(20, inline.Count);
        Assert.Equal(inline, await BalanceProjection.SnapshotAsync(test.DataSource, test.Schema, "balances"));
    }

    [Fact]
    public async Task Runs_async_in_two_replicas_applying_every_event_once_and_matching_the_inline_projection()
    {
        await using var test = await TestStore.CreateAsync(o =>
        {
            o.InlineProjections.Add(new BalanceProjection(o.Schema, "balances_inline"));
            o.AsyncProjections.Add(new BalanceProjection(o.Schema, "balances_async"));
        });
        await using var replica = await test.ReplicaAsync(o =>
        {
            o.InlineProjections.Add(new BalanceProjection(o.Schema, "balances_inline"));
            o.AsyncProjections.Add(new BalanceProjection(o.Schema, "balances_async"));
        });
        using var stop = new CancellationTokenSource();
        var daemons = new[] { Daemon(test.Store), Daemon(replica.Store) };
        foreach (var daemon in daemons)
        {
            await daemon.StartAsync(stop.Token);
        }

        await Task.WhenAll(WriteAccounts(test.Store, 10, 20), WriteAccounts(replica.Store, 10, 20, prefix: "other"));
        var inline = await BalanceProjection.SnapshotAsync(test.DataSource, test.Schema, "balances_inline");
        var projected = await Platform.Testing.Eventually.Get(
            () => BalanceProjection.SnapshotAsync(test.DataSource, test.Schema, "balances_async"),
            rows => rows.SequenceEqual(inline));
        foreach (var daemon in daemons)
        {
            await daemon.StopAsync(CancellationToken.None);
        }

        Assert.Equal(20, inline.Count);
        Assert.Equal(inline, projected);
        Assert.Equal(await test.ScalarAsync("SELECT count(*) FROM {schema}.events"),
            await test.ScalarAsync("SELECT count(*) FROM {schema}.balances_async_applied"));
    }

    [Fact]
    public async Task Never_steps_past_an_event_that_commits_after_a_later_position()
    {
        await using var test = await TestStore.CreateAsync(o => o.AsyncProjections.Add(new BalanceProjection(o.Schema, "balances")));
        var daemon = Daemon(test.Store);

        // A writer takes a position and holds its transaction open...
        var (slow, slowTransaction) = await test.WriteUncommittedAsync("account/slow");
        await using var _ = slow;
        await using var __ = slowTransaction;

        // ...while a later position commits and the projection catches up.
        var fast = test.Store.LightweightSession();
        fast.Events.Append("account/fast", new Deposited(3));
        await fast.SaveChangesAsync();
        await daemon.CatchUpAsync();
        await slowTransaction.CommitAsync();
        // Any open transaction in the cluster (other tests run in parallel) holds the horizon back for a while.
        var rows = await Platform.Testing.Eventually.Get(
            async () =>
            {
                await daemon.CatchUpAsync();
                return await BalanceProjection.SnapshotAsync(test.DataSource, test.Schema, "balances");
            },
            r => r.Count == 2);

        Assert.Equal(["account/fast||3|1", "account/slow||7|1"], rows);
    }

    private static ProjectionDaemon Daemon(EventStore store) =>
        new(store, new ProjectionDaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) }, NullLogger<ProjectionDaemon>.Instance);

    private static async Task WriteAccounts(EventStore store, int accounts, int depositsEach, string prefix = "account")
    {
        await Task.WhenAll(Enumerable.Range(0, accounts).Select(async a =>
        {
            var open = store.LightweightSession();
            open.Events.StartStream($"{prefix}/{a}", new AccountOpened($"owner-{a}"));
            await open.SaveChangesAsync();
            for (var d = 1; d <= depositsEach; d++)
            {
                var deposit = store.LightweightSession();
                deposit.Events.Append($"{prefix}/{a}", d, new Deposited(d));
                await deposit.SaveChangesAsync();
            }
        }));
    }
}

using Platform.Testing;
using Xunit;

namespace Platform.Outbox.Tests.Outbox;

public sealed class Relaying_from_every_replica
{
    [Fact]
    public async Task Publishes_each_message_once_while_two_replicas_relay_one_outbox()
    {
        await using var test = await TestStore.CreateAsync();
        await using var replica = await test.ReplicaAsync();
        await using var harness = await RelayHarness.StartAsync();
        await harness.StartRelayAsync(test, await harness.StartBusAsync());
        await harness.StartRelayAsync(replica, await harness.StartBusAsync());

        var written = await Task.WhenAll(
            OutboxWrites.WriteAsync(test.Store, "account/a", 0, 300, perCommit: 5),
            OutboxWrites.WriteAsync(replica.Store, "account/b", 0, 300, perCommit: 5));
        await harness.WaitForDeliveriesAsync(600);
        await Eventually.Get(() => test.ScalarAsync("SELECT count(*) FROM {schema}.outbox WHERE published_at IS NULL"), n => n == 0);
        await Task.Delay(500);

        Assert.Equal(written.SelectMany(ids => ids).Order(), harness.Deliveries.Select(d => d.MessageId).Order());
    }

    [Fact]
    public async Task Hands_over_to_another_replica_when_the_active_relay_stops()
    {
        await using var test = await TestStore.CreateAsync();
        await using var replica = await test.ReplicaAsync();
        await using var harness = await RelayHarness.StartAsync();
        var active = await harness.StartRelayAsync(test, await harness.StartBusAsync());
        var first = await OutboxWrites.WriteAsync(test.Store, "account/handover", 0, 20);
        await harness.WaitForDeliveriesAsync(first.Count);
        await harness.StartRelayAsync(replica, await harness.StartBusAsync());

        await active.StopAsync(CancellationToken.None);
        var second = await OutboxWrites.WriteAsync(test.Store, "account/handover", 20, 20);
        await harness.WaitForDeliveriesAsync(first.Count + second.Count, TimeSpan.FromSeconds(30));

        Assert.Equal(first.Concat(second), harness.Deliveries.Select(d => d.MessageId));
    }

    [Fact]
    public async Task Carries_on_when_the_active_relays_database_session_is_killed()
    {
        await using var test = await TestStore.CreateAsync();
        await using var replica = await test.ReplicaAsync();
        await using var harness = await RelayHarness.StartAsync();
        await harness.StartRelayAsync(test, await harness.StartBusAsync());
        await harness.StartRelayAsync(replica, await harness.StartBusAsync());
        var first = await OutboxWrites.WriteAsync(test.Store, "account/killed", 0, 20);
        await harness.WaitForDeliveriesAsync(first.Count);

        var killed = await test.ScalarAsync("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND objsubid = 1
              AND objid = (hashtext('platform-outbox:{schema}')::bigint & 4294967295)::oid
            """);
        var second = await OutboxWrites.WriteAsync(test.Store, "account/killed", 20, 20);
        // By message id: the killed relay's unmarked batch is published again, so duplicates may arrive before the rest.
        var delivered = await Eventually.Get(
            () => Task.FromResult(harness.Deliveries.Select(d => d.MessageId).Distinct().ToList()), ids => ids.Count >= first.Count + second.Count);

        Assert.Equal(1, killed);
        Assert.Equal(first.Concat(second), delivered);
    }
}

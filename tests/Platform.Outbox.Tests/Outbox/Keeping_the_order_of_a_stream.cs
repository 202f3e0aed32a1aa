using Xunit;
using Xunit.Abstractions;

namespace Platform.Outbox.Tests.Outbox;

public sealed class Keeping_the_order_of_a_stream(ITestOutputHelper output)
{
    [Fact]
    public async Task Delivers_a_thousand_messages_of_one_stream_in_the_order_they_were_written()
    {
        await using var test = await TestStore.CreateAsync();
        await using var harness = await RelayHarness.StartAsync(output: output);
        await harness.StartRelayAsync(test, await harness.StartBusAsync(), o => o.BatchSize = 100);

        // Written while the relay runs, in two message types, so batches end mid-stream and types alternate.
        await OutboxWrites.WriteAsync(test.Store, "account/ordered", 0, 1000, perCommit: 25, Alternating);
        var deliveries = await harness.WaitForDeliveriesAsync(1000);

        Assert.Equal(Enumerable.Range(0, 1000), deliveries.Select(d => d.Number));
    }

    [Fact]
    public async Task Keeps_the_order_of_first_deliveries_when_RabbitMQ_goes_down_mid_stream()
    {
        await using var test = await TestStore.CreateAsync();
        await using var harness = await RelayHarness.StartAsync(output: output);
        await OutboxWrites.WriteAsync(test.Store, "account/outage", 0, 3000, perCommit: 500, Alternating);
        var cutOff = await harness.StartRelayAsync(test, await harness.StartBusAsync(throughProxy: true), o => o.BatchSize = 500);

        await Platform.Testing.Eventually.Get(() => Task.FromResult(harness.Deliveries.Count), n => n >= 300);
        harness.Proxy.Cut();
        var attempts = await Platform.Testing.Eventually.Get(
            () => test.ScalarAsync("SELECT coalesce(max(attempts), 0) FROM {schema}.outbox"), a => a >= 1);
        await cutOff.StopAsync(CancellationToken.None);
        // The rest goes through a fresh connection: after a connection loss during publishing, RabbitMQ.Client 7.1
        // now and then never finishes closing it, and the bus never reconnects (see OutboxPublisher).
        await harness.StartRelayAsync(test, await harness.StartBusAsync(), o => o.BatchSize = 500);
        var firstDeliveries = await Platform.Testing.Eventually.Get(
            () => Task.FromResult(harness.Deliveries.DistinctBy(d => d.MessageId).Select(d => d.Number).ToList()), d => d.Count >= 3000,
            TimeSpan.FromSeconds(60));

        Assert.True(attempts >= 1, "The relay never saw RabbitMQ go down.");
        Assert.True(harness.Deliveries.Count < 3000 + 500, "More than a batch was published twice.");
        Assert.Equal(Enumerable.Range(0, 3000), firstDeliveries);
    }

    private static object Alternating(string stream, int number) =>
        number % 3 == 0 ? new NumberVoided(stream, number) : new NumberIssued(stream, number);
}

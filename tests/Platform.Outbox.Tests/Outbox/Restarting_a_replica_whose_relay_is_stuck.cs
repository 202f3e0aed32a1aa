using System.Net;
using Platform.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Platform.Outbox.Tests.Outbox;

/// <summary>
/// The outbox-relay liveness check with a real relay, bus and RabbitMQ: the bus publishes through a proxy that the test
/// cuts, then either leaves closed (a broker outage) or replaces with a port that accepts connections and never
/// answers (the broker reachable while the bus gets nowhere, as when RabbitMQ.Client hangs closing a connection).
/// </summary>
public sealed class Restarting_a_replica_whose_relay_is_stuck(ITestOutputHelper output)
{
    private static readonly TimeSpan StalledAfter = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Fails_the_liveness_probe_once_publishing_has_failed_past_the_threshold_while_the_broker_answers()
    {
        await using var test = await TestStore.CreateAsync();
        await using var harness = await RelayHarness.StartAsync(output: output);
        await using var service = await RelayService.StartAsync(test, await harness.StartBusAsync(throughProxy: true), StalledAfter, output);
        await OutboxWrites.WriteAsync(test.Store, "account/stuck", 0, 10);
        await harness.WaitForDeliveriesAsync(10);
        var (whileRelaying, _) = await service.GetLiveAsync();

        harness.Proxy.Cut();
        using var silent = SilentPort.Start(harness.Proxy.Port);
        await OutboxWrites.WriteAsync(test.Store, "account/stuck", 10, 10);
        var (status, body) = await Eventually.Get(service.GetLiveAsync, r => r.Status != HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        var failingSince = service.Relay.PublishingFailingSince;

        Assert.Equal(HttpStatusCode.OK, whileRelaying);
        Assert.True(status == HttpStatusCode.ServiceUnavailable, $"/health/live answered {(int)status}: {body}");
        Assert.StartsWith("outbox-relay: Unhealthy", body, StringComparison.Ordinal);
        Assert.True(
            failingSince <= DateTimeOffset.UtcNow - StalledAfter,
            $"/health/live failed before publishing had failed for {StalledAfter} (failing since {failingSince:O})");
    }

    [Fact]
    public async Task Stays_live_while_the_broker_is_unreachable_however_long_publishing_fails()
    {
        await using var test = await TestStore.CreateAsync();
        await using var harness = await RelayHarness.StartAsync(output: output);
        await using var service = await RelayService.StartAsync(test, await harness.StartBusAsync(throughProxy: true), StalledAfter, output);
        await OutboxWrites.WriteAsync(test.Store, "account/outage", 0, 10);
        await harness.WaitForDeliveriesAsync(10);

        harness.Proxy.Cut();
        await OutboxWrites.WriteAsync(test.Store, "account/outage", 10, 10);
        var answers = new List<(HttpStatusCode Status, string Body)>();
        var failedLongEnough = await Eventually.Get(
            async () =>
            {
                answers.Add(await service.GetLiveAsync());
                return service.Relay.PublishingFailingSince <= DateTimeOffset.UtcNow - 2 * StalledAfter;
            },
            done => done,
            TimeSpan.FromSeconds(30));
        answers.Add(await service.GetLiveAsync());

        Assert.True(failedLongEnough, "Publishing never failed for twice the threshold, so the probe was not put to the test.");
        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"/health/live answered {(int)a.Status}: {a.Body}"));
    }
}

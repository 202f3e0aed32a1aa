using MassTransit;
using Platform.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Platform.Outbox.Tests.Outbox;

/// <summary>
/// The hangs docs/eventstore.md describes, put to the test on the real RabbitMQ: a bus with far more publishes awaiting
/// their confirms than RabbitMQ.Client's 128-frame write queue holds loses its connection mid-write (a proxy is cut
/// and restored at once) or its broker (restarted), again and again; after each the bus must publish again. Under
/// RabbitMQ.Client 7.1.2 the connection's shutdown deadlocked on a cut with that queue full.
/// </summary>
public sealed class Reconnecting_after_a_cut_mid_write(ITestOutputHelper output)
{
    private const int Rounds = 10;
    private const int InFlight = 1000;
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Publishes_again_after_each_cut_with_a_thousand_publishes_in_flight()
    {
        await using var harness = await RelayHarness.StartAsync(output: output);
        var bus = await harness.StartBusAsync(throughProxy: true);
        var stuck = new List<int>();

        for (var round = 0; round < Rounds; round++)
        {
            var stream = $"cut/{round}";
            var publishes = Enumerable.Range(0, InFlight).Select(n => bus.Publish(new NumberIssued(stream, n))).ToList();
            // Cut once the broker confirms the first of them: the client is then writing with its queue full.
            await Eventually.Get(() => Task.FromResult(publishes.Count(p => p.IsCompleted)), n => n >= 20, RecoveryTimeout);
            harness.Proxy.Cut();
            harness.Proxy.Restore();
            await Task.WhenAny(Task.WhenAll(publishes), Task.Delay(RecoveryTimeout));
            var failed = publishes.Count(p => !p.IsCompletedSuccessfully);

            var recovered = await PublishesWithinAsync(bus, stream, RecoveryTimeout);
            output.WriteLine($"round {round}: {failed} of {InFlight} publishes failed or were left waiting; publishing again: {recovered}");
            if (!recovered)
            {
                stuck.Add(round);
            }
        }

        Assert.True(stuck.Count == 0, $"The bus never published again after the cut in rounds {string.Join(", ", stuck)} of {Rounds}.");
    }

    /// <summary>
    /// RabbitMQ.Client #1930 (open, reported on 7.2.1): publishes hanging after a broker restart. It still shows under
    /// 7.2.2 (docs/eventstore.md), which is why the outbox-relay liveness check stays; skipped so the suite stays green,
    /// run it by hand after a client upgrade to see whether the check can go.
    /// </summary>
    [Fact(Skip = "Shows RabbitMQ.Client #1930 under 7.2.2 (docs/eventstore.md); run by hand after an upgrade.")]
    public async Task Publishes_again_after_the_broker_restarts_with_a_thousand_publishes_in_flight()
    {
        await using var rabbitMq = await PrivateRabbitMq.StartAsync();
        await using var harness = await RelayHarness.StartAsync(rabbitMq, output);
        var bus = await harness.StartBusAsync();
        var stuck = new List<int>();

        for (var round = 0; round < 2; round++)
        {
            var stream = $"restart/{round}";
            // Publishes keep going, a thousand in flight, while the broker shuts down and starts again.
            using var publishing = new CancellationTokenSource();
            var pump = KeepPublishingAsync(bus, stream, publishing.Token);
            await Eventually.Get(() => Task.FromResult(harness.Deliveries.Count(d => d.Stream == stream)), n => n >= 20, RecoveryTimeout);
            await rabbitMq.DownAsync();
            await rabbitMq.UpAsync();
            await publishing.CancelAsync();
            var (issued, failed) = await pump;

            var recovered = await PublishesWithinAsync(bus, stream, 2 * RecoveryTimeout);
            output.WriteLine($"restart {round}: {failed} of {issued} publishes failed or were left waiting; publishing again: {recovered}");
            if (!recovered)
            {
                stuck.Add(round);
            }
        }

        Assert.True(stuck.Count == 0, $"The bus never published again after the restarts {string.Join(", ", stuck)}.");
    }

    /// <summary>Keeps <see cref="InFlight"/> publishes going until cancelled; then how many were issued and how many did not succeed.</summary>
    private static async Task<(int Issued, int Failed)> KeepPublishingAsync(IBus bus, string stream, CancellationToken cancellationToken)
    {
        var all = new List<Task>();
        var pending = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            pending.RemoveAll(t => t.IsCompleted);
            while (pending.Count < InFlight)
            {
                var publish = bus.Publish(new NumberIssued(stream, all.Count), CancellationToken.None);
                all.Add(publish);
                pending.Add(publish);
            }

            await Task.WhenAny(pending.Append(Task.Delay(100, CancellationToken.None)));
        }

        await Task.WhenAny(Task.WhenAll(all), Task.Delay(RecoveryTimeout, CancellationToken.None));
        return (all.Count, all.Count(t => !t.IsCompletedSuccessfully));
    }

    /// <summary>Publishes one message after another until one is confirmed, or the time is up.</summary>
    private static async Task<bool> PublishesWithinAsync(IBus bus, string stream, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var publish = bus.Publish(new NumberIssued(stream, -1));
            if (await Task.WhenAny(publish, Task.Delay(TimeSpan.FromSeconds(5))) == publish && publish.IsCompletedSuccessfully)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}

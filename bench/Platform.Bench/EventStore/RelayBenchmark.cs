using System.Diagnostics;
using Marten;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Contracts;
using Platform.Outbox.Store;
using Platform.Outbox.Relay;

namespace Platform.Bench.EventStore;

/// <summary>
/// The outbox relay against two baselines on the same broker, exchange and durable queue, with the same number of
/// publishes awaiting their confirm at once: RabbitMQ.Client publishing one prepared body (the floor of any
/// publisher), and MassTransit publishing one prepared object (what the relay adds to that is reading, tracing and
/// marking). Each is run twice, alternating, and keeps its best run; the queue is emptied before each run.
/// </summary>
internal sealed class RelayBenchmark(BenchSettings settings, DocumentStore store, NpgsqlDataSource dataSource)
{
    public const int Messages = 20_000;
    private const string Exchange = "Platform.Contracts:UserDiscovered";
    private const string Queue = "bench-sink";

    public async Task<RelayFigures> RunAsync()
    {
        await using var vhost = new RabbitMqBenchHost(settings, "bench-" + Guid.NewGuid().ToString("N")[..8]);
        await vhost.CreateWithSinkAsync(Exchange, Queue);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(settings.RabbitHost, settings.RabbitPort, vhost.Name, h =>
        {
            h.Username(settings.RabbitUser);
            h.Password(settings.RabbitPassword);
            h.PublisherConfirmation = true;
        }));
        await bus.StartAsync();
        try
        {
            var options = new OutboxRelayOptions();
            var window = options.MaxPublishesInFlight;
            var sample = Message(12345);
            await bus.Publish(sample);
            var figures = new RelayFigures(0, 0, 0);
            for (var round = 0; round < 2; round++)
            {
                await vhost.PurgeAsync(Queue);
                var raw = await RawPublisher.RateAsync(settings, vhost.Name, Exchange, Messages, window, sample);
                await vhost.PurgeAsync(Queue);
                var massTransit = await MassTransitRateAsync(bus, sample, window);
                await WriteOutboxAsync(round);
                await vhost.PurgeAsync(Queue);
                var relay = await RelayRateAsync(bus, options);
                figures = new RelayFigures(Math.Max(figures.Raw, raw), Math.Max(figures.MassTransit, massTransit), Math.Max(figures.Relay, relay));
            }

            return figures;
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private static async Task<double> MassTransitRateAsync(IBus bus, UserDiscovered sample, int window)
    {
        var pending = new Queue<Task>(window);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Messages; i++)
        {
            if (pending.Count == window)
            {
                await pending.Dequeue();
            }

            pending.Enqueue(bus.Publish(sample));
        }

        await Task.WhenAll(pending);
        return Messages / watch.Elapsed.TotalSeconds;
    }

    private async Task<double> RelayRateAsync(IBus bus, OutboxRelayOptions options)
    {
        await using var relay = new OutboxRelay(new OutboxStorage(dataSource, store.Options.DatabaseSchemaName, new MessageTypeRegistry().AddAssemblyOf<UserDiscovered>()), bus, options, NullLogger<OutboxRelay>.Instance);
        var watch = Stopwatch.StartNew();
        var published = 0;
        while (published < Messages)
        {
            published += await relay.PublishPendingAsync(CancellationToken.None);
        }

        return published / watch.Elapsed.TotalSeconds;
    }

    private async Task WriteOutboxAsync(int round)
    {
        const int perCommit = 100;
        for (var written = 0; written < Messages; written += perCommit)
        {
            await using var session = store.LightweightSession();
            for (var i = written; i < written + perCommit; i++)
            {
                var message = Message(i);
                session.Publish(message, message.EventId, $"user/{round}/{i}");
            }

            await session.SaveChangesAsync();
        }
    }

    private static UserDiscovered Message(int i) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = "example.com",
        Email = $"user{i}@example.com", Source = UserSources.Directory,
    };
}

/// <summary>Messages per second published with confirms: raw client, MassTransit alone, and the outbox relay.</summary>
internal sealed record RelayFigures(double Raw, double MassTransit, double Relay);

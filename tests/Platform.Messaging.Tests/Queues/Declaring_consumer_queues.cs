extern alias reporting;

using System.Text.Json.Nodes;
using MassTransit;
using Platform.ServiceDefaults.Messaging;
using Platform.Testing;
using Xunit;

namespace Platform.Messaging.Tests.Queues;

/// <summary>
/// Consumers' queues as the broker holds them: quorum queues with a delivery limit unless RabbitMq:QueueType says
/// classic, so that a message no consumer gets through ends in the queue's _error queue instead of coming back forever.
/// </summary>
public sealed class Declaring_consumer_queues
{
    private const int DeliveryLimit = 2;

    [Fact]
    public async Task Declares_every_consumer_queue_of_a_service_as_a_quorum_queue_with_a_delivery_limit()
    {
        await using var service = await ServiceHost<reporting::Program>.CreateAsync();
        await service.WaitUntilReadyAsync();
        using var broker = new BrokerQueues(service.VirtualHost);

        var queues = ConsumerQueues(await broker.AllAsync(), "reporting-");

        Assert.NotEmpty(queues);
        Assert.All(queues, q => Assert.Equal(("quorum", 5L), ((string?)q["type"], (long?)q["arguments"]?[QueueTopology.DeliveryLimitArgument])));
    }

    [Fact]
    public async Task Declares_classic_queues_when_the_queue_type_is_classic()
    {
        await using var service = await ServiceHost<reporting::Program>.CreateAsync();
        service.With("RabbitMq:QueueType", "classic");
        await service.WaitUntilReadyAsync();
        using var broker = new BrokerQueues(service.VirtualHost);

        var queues = ConsumerQueues(await broker.AllAsync(), "reporting-");

        Assert.NotEmpty(queues);
        Assert.All(queues, q => Assert.Equal(("classic", null), ((string?)q["type"], q["arguments"]?[QueueTopology.DeliveryLimitArgument])));
    }

    [Fact]
    public async Task Moves_a_message_whose_consumer_always_throws_to_the_error_queue_once()
    {
        await using var bus = await PoisonBus.StartAsync<ThrowingConsumer>();
        using var broker = new BrokerQueues(bus.VirtualHost);
        var queue = Assert.Single(ConsumerQueues(await broker.AllAsync(), PoisonBus.ServiceName + "-"));
        var name = (string)queue["name"]!;

        await bus.Bus.Publish(new PoisonPill(Guid.NewGuid()));
        var inError = await Eventually.Get(() => broker.ReadyAsync(QueueTopology.ErrorQueue(name)), n => n > 0, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2)); // room for a redelivery, were there one
        var error = await broker.FindAsync(QueueTopology.ErrorQueue(name));

        Assert.Equal(1, inError);
        Assert.Equal("quorum", (string?)error!["type"]);
        Assert.Equal(0, await broker.ReadyAsync(name));
        // In-process retries only: the broker handed the message out once.
        Assert.All(bus.Deliveries.DeliveryCounts, count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task Moves_a_message_that_brings_its_consumer_down_to_the_error_queue_after_the_delivery_limit()
    {
        await using var bus = await PoisonBus.StartAsync<CrashingConsumer>(("RabbitMq:DeliveryLimit", DeliveryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var broker = new BrokerQueues(bus.VirtualHost);
        var name = (string)Assert.Single(ConsumerQueues(await broker.AllAsync(), PoisonBus.ServiceName + "-"))["name"]!;

        await bus.Bus.Publish(new PoisonPill(Guid.NewGuid()));
        var inError = await Eventually.Get(() => broker.ReadyAsync(QueueTopology.ErrorQueue(name)), n => n > 0, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(3)); // room for a further delivery, were there one
        var dead = await broker.PeekAsync(QueueTopology.ErrorQueue(name));
        var death = dead?["properties"]?["headers"]?["x-death"]?.AsArray().OfType<JsonObject>().FirstOrDefault();

        var all = string.Join("; ", (await broker.AllAsync()).Select(q => $"{q["name"]} {q["type"]} ready={q["messages_ready"]} unacked={q["messages_unacknowledged"]} args={q["arguments"]?.ToJsonString()}"));
        Assert.True(inError == 1, $"deliveries [{string.Join(",", bus.Deliveries.DeliveryCounts)}]; queues: {all}");
        Assert.Equal(0, await broker.ReadyAsync(name));
        Assert.Equal(Enumerable.Range(0, DeliveryLimit + 1).Select(n => (long)n), bus.Deliveries.DeliveryCounts);
        Assert.Equal(("delivery_limit", name), ((string?)death?["reason"], (string?)death?["queue"]));
    }

    /// <summary>The consumers' own queues: not their _error and _skipped queues, nor the bus's temporary one.</summary>
    private static List<JsonObject> ConsumerQueues(IEnumerable<JsonObject> queues, string prefix) =>
        queues.Where(q => ((string)q["name"]!).StartsWith(prefix, StringComparison.Ordinal))
            .Where(q => !((string)q["name"]!).EndsWith("_error", StringComparison.Ordinal) && !((string)q["name"]!).EndsWith("_skipped", StringComparison.Ordinal))
            .ToList();
}

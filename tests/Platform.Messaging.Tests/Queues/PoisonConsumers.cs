using System.Collections.Concurrent;
using MassTransit;
using Platform.Testing;

namespace Platform.Messaging.Tests.Queues;

/// <summary>Every delivery a test consumer saw, with the broker's count of earlier deliveries of that message.</summary>
public sealed class Deliveries(TcpProxy proxy)
{
    /// <summary>The consumer's way to the broker, which <see cref="CrashingConsumer"/> cuts.</summary>
    public TcpProxy Proxy { get; } = proxy;

    public ConcurrentQueue<long> DeliveryCounts { get; } = new();

    public void Record(ConsumeContext context) => DeliveryCounts.Enqueue(
        context.ReceiveContext.TransportHeaders.Get<object>("x-delivery-count") is { } count
            ? Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture)
            : 0);
}

/// <summary>Fails every attempt: MassTransit retries in process, then moves the message to the error queue.</summary>
public sealed class ThrowingConsumer(Deliveries deliveries) : IConsumer<PoisonPill>
{
    public Task Consume(ConsumeContext<PoisonPill> context)
    {
        deliveries.Record(context);
        throw new InvalidOperationException("This message always fails.");
    }
}

/// <summary>
/// Brings its consumer down with every delivery, as a message that crashes the process would: the connection goes
/// before the message is settled, so the broker hands it out again.
/// </summary>
public sealed class CrashingConsumer(Deliveries deliveries) : IConsumer<PoisonPill>
{
    public async Task Consume(ConsumeContext<PoisonPill> context)
    {
        deliveries.Record(context);
        deliveries.Proxy.Cut();
        deliveries.Proxy.Restore();
        // Returns only once the connection is gone, as a dead process would.
        await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
    }
}

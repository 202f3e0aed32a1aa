using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Outbox.Relay;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Outbox.Tests.Outbox;

/// <summary>
/// What a relay test needs on the real RabbitMQ — the shared one, in a virtual host of its own, or a private node the
/// test may stop and restart: a consumer that records every delivery
/// in arrival order (one at a time, so arrival order is queue order), buses for relays — straight to RabbitMQ or
/// through a proxy the test can cut — and the relays themselves, all stopped and deleted on dispose.
/// </summary>
internal sealed class RelayHarness : IAsyncDisposable
{
    private readonly RabbitMqVirtualHost? _virtualHost;
    private readonly Broker _broker;
    private readonly List<IBusControl> _buses = [];
    private readonly List<OutboxRelay> _relays = [];
    private readonly Func<ConsumeContext, string, int, Task>? _onDelivery;
    private readonly ITestOutputHelper? _output;
    private TcpProxy? _proxy;

    private RelayHarness(
        Broker broker, RabbitMqVirtualHost? virtualHost, Func<ConsumeContext, string, int, Task>? onDelivery, ITestOutputHelper? output)
    {
        _broker = broker;
        _virtualHost = virtualHost;
        _onDelivery = onDelivery;
        _output = output;
    }

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    /// <summary>A loopback proxy to RabbitMQ that <see cref="StartBusAsync"/> can connect through, to cut and restore.</summary>
    public TcpProxy Proxy => _proxy ??= TcpProxy.Start(_broker.Host, _broker.Port);

    /// <summary>A harness on the shared RabbitMQ, in a virtual host of its own.</summary>
    public static async Task<RelayHarness> StartAsync(
        Func<ConsumeContext, string, int, Task>? onDelivery = null, ITestOutputHelper? output = null)
    {
        var virtualHost = await RabbitMqVirtualHost.CreateAsync();
        var broker = new Broker(
            Infrastructure.Get("RabbitMq:Host"), int.Parse(Infrastructure.Get("RabbitMq:Port"), CultureInfo.InvariantCulture),
            virtualHost.Name, Infrastructure.Get("RabbitMq:Username"), Infrastructure.Get("RabbitMq:Password"));
        return await StartAsync(new RelayHarness(broker, virtualHost, onDelivery, output));
    }

    /// <summary>A harness on a private RabbitMQ node, which the test may stop and restart.</summary>
    public static Task<RelayHarness> StartAsync(PrivateRabbitMq rabbitMq, ITestOutputHelper? output = null) =>
        StartAsync(new RelayHarness(
            new Broker(rabbitMq.Host, rabbitMq.Port, "/", rabbitMq.Username, rabbitMq.Password), null, null, output));

    private static async Task<RelayHarness> StartAsync(RelayHarness harness)
    {
        try
        {
            await harness.StartBusAsync(consume: true);
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }

        return harness;
    }

    public Task<IBusControl> StartBusAsync(bool throughProxy = false) => StartBusAsync(consume: false, throughProxy);

    public OutboxRelay Relay(TestStore store, IBus bus, Action<OutboxRelayOptions>? configure = null)
    {
        var options = new OutboxRelayOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(200),
            PublishTimeout = TimeSpan.FromSeconds(2),
            MinRetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
        };
        configure?.Invoke(options);
        var relay = new OutboxRelay(store.Outbox, bus, options,
            _output is null ? NullLogger<OutboxRelay>.Instance : new TestOutputLogger<OutboxRelay>(_output));
        _relays.Add(relay);
        return relay;
    }

    public async Task<OutboxRelay> StartRelayAsync(TestStore store, IBus bus, Action<OutboxRelayOptions>? configure = null)
    {
        var relay = Relay(store, bus, configure);
        await relay.StartAsync(CancellationToken.None);
        return relay;
    }

    /// <summary>Waits until at least <paramref name="count"/> deliveries arrived; returns them in arrival order.</summary>
    public async Task<IReadOnlyList<Delivery>> WaitForDeliveriesAsync(int count, TimeSpan? timeout = null)
    {
        var deliveries = await Eventually.Get(() => Task.FromResult(Deliveries.ToList()), d => d.Count >= count, timeout ?? TimeSpan.FromSeconds(60));
        return deliveries.Count >= count
            ? deliveries
            : throw new TimeoutException($"{deliveries.Count} of {count} messages arrived.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var relay in _relays)
        {
            await relay.StopAsync(CancellationToken.None);
            await relay.DisposeAsync();
        }

        foreach (var bus in _buses)
        {
            await bus.StopAsync(CancellationToken.None);
        }

        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_virtualHost is not null)
        {
            await _virtualHost.DisposeAsync();
        }
    }

    private async Task<IBusControl> StartBusAsync(bool consume, bool throughProxy = false)
    {
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(_broker.Host, (ushort)(throughProxy ? Proxy.Port : _broker.Port), _broker.VirtualHost, h =>
            {
                h.Username(_broker.Username);
                h.Password(_broker.Password);
                h.PublisherConfirmation = true;
            });
            if (consume)
            {
                cfg.ReceiveEndpoint("outbox-tests", e =>
                {
                    e.ConcurrentMessageLimit = 1;
                    e.PrefetchCount = 64;
                    e.Handler<NumberIssued>(c => Record(c, c.Message.Stream, c.Message.Number));
                    e.Handler<NumberVoided>(c => Record(c, c.Message.Stream, c.Message.Number));
                });
            }
        });
        using var starting = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(starting.Token);
        _buses.Add(bus);
        return bus;
    }

    private async Task Record(ConsumeContext context, string stream, int number)
    {
        if (_onDelivery is not null)
        {
            await _onDelivery(context, stream, number);
        }

        Deliveries.Enqueue(new Delivery(context.MessageId!.Value, stream, number, Activity.Current?.TraceId ?? default));
    }
}

/// <summary>Where a harness's buses connect.</summary>
internal sealed record Broker(string Host, int Port, string VirtualHost, string Username, string Password);

/// <summary>One message as the consumer saw it.</summary>
internal sealed record Delivery(Guid MessageId, string Stream, int Number, ActivityTraceId TraceId);

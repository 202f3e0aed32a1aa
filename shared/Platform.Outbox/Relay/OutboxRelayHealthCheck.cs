using System.Net.Sockets;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Outbox.Relay;

/// <summary>
/// <c>outbox-relay</c>, a liveness check: unhealthy when the broker has failed every publish of this replica's relay
/// for at least <see cref="OutboxRelayOptions.StalledAfter"/> while it accepts connections. After a broker restart with
/// publishes in flight the bus can stay stuck (RabbitMQ.Client 7.2.2; under 7.1 also after a connection cut mid-write:
/// docs/eventstore.md), and only a restart mends it. A broker that does not answer (an outage a restart would not end, and that would restart every
/// pod), a failing database, an unreadable message and a standby replica all leave it healthy.
/// </summary>
internal sealed class OutboxRelayHealthCheck(OutboxRelay relay, OutboxRelayOptions options, IBus bus, TimeProvider? timeProvider = null)
    : IHealthCheck
{
    public const string Name = "outbox-relay";

    /// <summary>The tag of liveness checks; Platform.ServiceDefaults' <c>HealthTags.Live</c>, which /health/live runs.</summary>
    public const string LiveTag = "live";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failingSince = relay.PublishingFailingSince;
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        if (failingSince is not { } since)
        {
            return HealthCheckResult.Healthy();
        }

        if (!IsStalled(failingSince, now, options.StalledAfter))
        {
            // No I/O until the relay is stalled: the liveness probe stays cheap.
            return HealthCheckResult.Healthy($"Publishing has failed since {since:O}.");
        }

        if (Broker(bus.Address) is not { } broker)
        {
            return HealthCheckResult.Healthy($"Publishing has failed since {since:O}; the bus's broker ({bus.Address.Scheme}) cannot be probed.");
        }

        var (host, port) = broker;
        var reachable = await ReachableAsync(host, port, cancellationToken);
        return Decide(failingSince, now, options.StalledAfter, reachable) == HealthStatus.Healthy
            ? HealthCheckResult.Healthy($"Publishing has failed since {since:O}, and RabbitMQ at {host}:{port} is not reachable: waiting for it.")
            : new HealthCheckResult(
                context.Registration.FailureStatus,
                $"Publishing has failed since {since:O} while RabbitMQ at {host}:{port} is reachable: the bus is stuck and the service needs a restart.");
    }

    /// <summary>
    /// Unhealthy when publishing has failed since <paramref name="failingSince"/> for at least
    /// <paramref name="threshold"/> and the broker is reachable; healthy otherwise.
    /// </summary>
    public static HealthStatus Decide(DateTimeOffset? failingSince, DateTimeOffset now, TimeSpan threshold, bool brokerReachable) =>
        IsStalled(failingSince, now, threshold) && brokerReachable ? HealthStatus.Unhealthy : HealthStatus.Healthy;

    private static bool IsStalled(DateTimeOffset? failingSince, DateTimeOffset now, TimeSpan threshold) =>
        failingSince is { } since && now - since >= threshold;

    /// <summary>The host and port the bus connects to: its address is <c>rabbitmq://host[:port]/vhost/…</c>.</summary>
    private static (string Host, int Port)? Broker(Uri address) => address.Scheme switch
    {
        "rabbitmq" => (address.Host, address.Port > 0 ? address.Port : 5672),
        "rabbitmqs" => (address.Host, address.Port > 0 ? address.Port : 5671),
        _ => null,
    };

    private static async Task<bool> ReachableAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}

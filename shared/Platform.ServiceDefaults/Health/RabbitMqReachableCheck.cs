using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Messaging;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// Whether the broker answers at all. MassTransit's own bus check only watches receive endpoints, so a service that
/// only publishes would stay "healthy" through a broker outage without this.
/// </summary>
internal sealed class RabbitMqReachableCheck(IOptions<RabbitMqOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var rabbit = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(rabbit.Host, rabbit.Port, timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{rabbit.Host}:{rabbit.Port} is not reachable");
        }
    }
}

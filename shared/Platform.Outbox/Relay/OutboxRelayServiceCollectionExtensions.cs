using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Outbox.Relay;

public static class OutboxRelayServiceCollectionExtensions
{
    /// <summary>
    /// The outbox relay of the registered <see cref="OutboxStorage"/>, run in every replica (one relays at a time), with
    /// options from <c>EventStore:Outbox</c>, and its liveness check <c>outbox-relay</c> (tagged <c>live</c>). Needs the
    /// MassTransit bus, with publisher confirms on.
    /// </summary>
    public static IServiceCollection AddPlatformOutboxRelay(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("EventStore:Outbox").Get<OutboxRelayOptions>() ?? new OutboxRelayOptions());
        services.AddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        services.AddHealthChecks().AddCheck<OutboxRelayHealthCheck>(
            OutboxRelayHealthCheck.Name, HealthStatus.Unhealthy, [OutboxRelayHealthCheck.LiveTag], TimeSpan.FromSeconds(3));
        return services;
    }
}

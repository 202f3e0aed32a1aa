using MassTransit;
using Platform.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    public static WebApplicationBuilder AddPlatformBus(
        this WebApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureBus)
    {
        builder.Services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.Section);

        builder.Services.AddMassTransit(bus =>
        {
            // Queues are named "<service>-<consumer>" so two services consuming one event each get every copy.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            bus.ConfigureHealthCheckOptions(o =>
            {
                o.Name = "bus";
                o.MinimalFailureStatus = HealthStatus.Unhealthy;
                o.Tags.Add(HealthTags.Ready);
            });
            bus.AddConfigureEndpointsCallback((context, queueName, endpoint) =>
            {
                endpoint.UseMessageRetry(RetryPolicy.Configure);
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
                {
                    QueueTopology.Apply(rabbitEndpoint, queueName, context.GetRequiredService<IOptions<RabbitMqOptions>>().Value);
                }
            });
            configureBus?.Invoke(bus);

            bus.UsingRabbitMq((context, cfg) =>
            {
                var rabbit = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                var nodes = BrokerNodes.Parse(rabbit);
                cfg.Host(nodes[0].Host, nodes[0].Port, rabbit.VirtualHost, h =>
                {
                    h.Username(rabbit.Username);
                    h.Password(rabbit.Password);
                    h.ConnectionName(serviceName);
                    h.PublisherConfirmation = true;
                    if (nodes.Count > 1)
                    {
                        h.UseCluster(cluster => nodes.ForEach(node => cluster.Node($"{node.Host}:{node.Port}")));
                    }
                });
                cfg.PrefetchCount = rabbit.PrefetchCount;
                cfg.ConfigureEndpoints(context);
            });
        });

        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            // Start even while RabbitMQ is down (readiness says so) and drain in-flight messages on shutdown.
            o.WaitUntilStarted = false;
            o.StartTimeout = TimeSpan.FromSeconds(30);
            o.StopTimeout = TimeSpan.FromSeconds(25);
            o.ConsumerStopTimeout = TimeSpan.FromSeconds(20);
        });
        return builder;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore.Outbox;
using Platform.EventStore.Projections;

namespace Platform.EventStore;

public static class EventStoreServiceCollectionExtensions
{
    /// <summary>
    /// The service's event store on the registered NpgsqlDataSource, in the schema <c>EventStore:Schema</c> (default
    /// <paramref name="defaultSchema"/>), migrated at start, with the projection daemon and the outbox relay.
    /// </summary>
    public static IServiceCollection AddPlatformEventStore(
        this IServiceCollection services, IConfiguration configuration, string defaultSchema, Action<EventStoreOptions> configure)
    {
        var options = new EventStoreOptions { Schema = configuration["EventStore:Schema"] ?? defaultSchema };
        configure(options);
        services.AddSingleton(options);
        services.AddSingleton<EventStore>();
        services.AddSingleton(sp => sp.GetRequiredService<EventStore>().Outbox);
        services.AddHostedService<EventStoreMigration>();
        services.AddSingleton(configuration.GetSection("EventStore:Projections").Get<ProjectionDaemonOptions>() ?? new ProjectionDaemonOptions());
        services.AddSingleton<ProjectionDaemon>();
        services.AddHostedService(sp => sp.GetRequiredService<ProjectionDaemon>());
        services.AddPlatformOutboxRelay(configuration);
        return services;
    }
}

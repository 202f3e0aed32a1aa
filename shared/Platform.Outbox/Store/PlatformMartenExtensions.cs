using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Outbox.Relay;

namespace Platform.Outbox.Store;

public static class PlatformMartenExtensions
{
    /// <summary>
    /// The service's Marten store on the registered NpgsqlDataSource, in the schema <c>EventStore:Schema</c> (default
    /// <paramref name="defaultSchema"/>), with lightweight sessions, the async daemon (hot/cold across replicas) and
    /// the outbox relay. Schema changes are applied at start-up when <c>EventStore:ApplySchemaOnStartup</c> says so
    /// (default: in Development only), one replica at a time (<see cref="PlatformSchema"/>); elsewhere the explicit
    /// <c>apply-schema</c> step does it (docs/eventstore.md).
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddPlatformMarten(
        this IHostApplicationBuilder builder, string defaultSchema, Action<MessageTypeRegistry> messages, Action<StoreOptions> configure)
    {
        var configuration = builder.Configuration;
        var schema = PlatformStoreOptions.ValidateSchema(configuration["EventStore:Schema"] ?? defaultSchema);
        var apply = configuration.GetValue("EventStore:ApplySchemaOnStartup", builder.Environment.IsDevelopment());
        var registry = new MessageTypeRegistry();
        messages(registry);
        builder.Services.AddSingleton(sp => new OutboxStorage(sp.GetRequiredService<NpgsqlDataSource>(), schema, registry));
        var marten = builder.Services
            .AddMarten(_ =>
            {
                var options = PlatformStoreOptions.Create(schema, apply);
                configure(options);
                return options;
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .AddAsyncDaemon(DaemonMode.HotCold);
        if (apply)
        {
            builder.Services.AddHostedService<ApplySchemaAtStart>();
        }

        builder.Services.AddSingleton<GroupCommits>();
        builder.Services.AddPlatformOutboxRelay(configuration);
        return marten;
    }
}

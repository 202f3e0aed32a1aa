using MassTransit;
using Platform.Contracts;
using Platform.DirectorySync.Registry;
using Platform.EventStore;

namespace Platform.DirectorySync;

public static class DirectorySyncService
{
    public const string Name = "directory-sync";

    public static void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<FirstSpamDetectedConsumer>();

    public static WebApplicationBuilder AddDirectorySync(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UserDiscovery>();
        builder.Services.AddPlatformEventStore(builder.Configuration, "directory_sync", store =>
        {
            store.Events.Register<UserRegistered>("user-registered");
            store.Messages.AddAssemblyOf<UserDiscovered>();
        });
        return builder;
    }
}

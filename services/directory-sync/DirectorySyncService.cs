using MassTransit;
using Platform.Contracts;
using Platform.Directory;
using Platform.DirectorySync.Registry;
using Platform.DirectorySync.Settings;
using Platform.EventStore;
using Platform.Security.Authentication;
using Platform.Security.Authorization;
using Platform.Security.Secrets;

namespace Platform.DirectorySync;

public static class DirectorySyncService
{
    public const string Name = "directory-sync";

    public static void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<FirstSpamDetectedConsumer>();

    public static WebApplicationBuilder AddDirectorySync(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UserDiscovery>();
        builder.Services.AddSingleton<DirectorySettingsService>();
        builder.Services.AddPlatformAuthentication(builder.Configuration);
        builder.Services.AddPlatformSecrets(builder.Configuration);
        builder.Services.AddPlatformDirectory(builder.Configuration);
        builder.Services.AddPlatformEventStore(builder.Configuration, "directory_sync", store =>
        {
            store.Events.Register<UserRegistered>("user-registered");
            store.Events.Register<DirectorySettingsSaved>("directory-settings-saved");
            store.Events.Register<DirectorySettingsRemoved>("directory-settings-removed");
            store.Messages.AddAssemblyOf<UserDiscovered>();
        });
        return builder;
    }

    /// <summary>The service's HTTP API: everything under <c>/v1/domains/{domain}</c> is for that domain's admins.</summary>
    public static WebApplication MapDirectorySync(this WebApplication app)
    {
        app.MapGroup("/v1/domains/{domain}").RequireDomainAdmin().MapDirectorySettings();
        return app;
    }
}

using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts;
using Platform.Directory;
using Platform.DirectorySync.Recipients;
using Platform.DirectorySync.Recipients.Callout;
using Platform.DirectorySync.Recipients.Guard;
using Platform.DirectorySync.Recipients.Settings;
using Platform.DirectorySync.Registry;
using Platform.DirectorySync.Secrets;
using Platform.DirectorySync.History;
using Platform.DirectorySync.Settings;
using Platform.DirectorySync.Sync;
using Platform.DirectorySync.Testing;
using Platform.EventStore;
using Platform.Security.Authentication;
using Platform.Security.Authorization;
using Platform.Security.Secrets;
using Platform.ServiceDefaults.Health;

namespace Platform.DirectorySync;

public static class DirectorySyncService
{
    public const string Name = "directory-sync";

    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<FirstSpamDetectedConsumer>();
        bus.AddConsumer<LoginSucceededConsumer>();
    }

    public static WebApplicationBuilder AddDirectorySync(this WebApplicationBuilder builder)
    {
        // TryAdd: the test clock of the service defaults, when switched on (Development only), stays.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UserDiscovery>();
        builder.Services.AddSingleton<RegistryRows>();
        builder.Services.AddSingleton<UserLimit>();
        builder.Services.AddSingleton<RegistryService>();
        builder.Services.AddSingleton<RegistryReader>();
        builder.Services.AddSingleton<RecipientIndex>();
        builder.Services.AddSingleton<RecipientIndexLoader>();
        builder.Services.AddHostedService<RecipientIndexRefresher>();
        builder.Services.Configure<GuardOptions>(builder.Configuration.GetSection("Recipients:Guard"));
        builder.Services.AddSingleton<LookupGuard>();
        builder.Services.AddRecipientCallout(builder.Configuration);
        builder.Services.AddSingleton<AttackReports>();
        builder.Services.AddSingleton<RecipientMetrics>();
        builder.Services.AddHealthChecks().AddCheck<RecipientIndexHealthCheck>("recipient-index", tags: [HealthTags.Ready]);
        builder.Services.AddSingleton<DirectorySettingsService>();
        builder.Services.AddSingleton<PlainLdapPolicy>();
        builder.Services.AddSingleton<LoginSuffixClaims>();
        builder.Services.AddSingleton<BindPasswordReprotection>();
        builder.Services.AddSingleton<SyncSignal>();
        builder.Services.AddSingleton<SyncRequests>();
        builder.Services.AddSingleton<SyncWriter>();
        builder.Services.AddSingleton(sp => SyncLimits.From(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddDomainRateLimits();
        builder.Services.AddSingleton<SyncRunner>();
        builder.Services.AddSingleton<SyncMetrics>();
        builder.Services.AddSingleton<SyncHistoryReader>();
        builder.Services.AddSingleton<ConnectionTestLog>();
        builder.Services.AddSingleton<SyncScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SyncScheduler>());
        builder.Services.AddPlatformAuthentication(builder.Configuration);
        builder.Services.AddPlatformSecrets(builder.Configuration);
        builder.Services.AddPlatformDirectory(builder.Configuration);
        builder.Services.AddPlatformEventStore(builder.Configuration, "directory_sync", ConfigureStore);
        return builder;
    }

    /// <summary>The service's events, projections and messages (also used by the sync benchmark).</summary>
    public static void ConfigureStore(EventStoreOptions store)
    {
        store.Events.Register<UserRegistered>("user-registered");
        store.Events.Register<CalloutConfigured>("callout-configured");
        store.Events.Register<CalloutRemoved>("callout-removed");
        store.Events.Register<UserStatusSet>("user-status-set");
        store.Events.Register<UserLoggedIn>("user-logged-in");
        store.Events.Register<RegistryUserDeleted>("user-deleted");
        store.Events.Register<DirectorySettingsSaved>("directory-settings-saved");
        store.Events.Register<DirectorySettingsRemoved>("directory-settings-removed");
        store.Events.Register<DirectoryUserAdded>("directory-user-added");
        store.Events.Register<DirectoryUserChanged>("directory-user-changed");
        store.Events.Register<DirectoryUserDisabled>("directory-user-disabled");
        store.Events.Register<DirectoryUserEnabled>("directory-user-enabled");
        store.Events.Register<DirectoryUserRemoved>("directory-user-removed");
        store.Events.Register<SyncRunRequested>("sync-run-requested");
        store.Events.Register<SyncRunStarted>("sync-run-started");
        store.Events.Register<SyncRunCompleted>("sync-run-completed");
        store.Events.Register<SyncRunFailed>("sync-run-failed");
        store.Events.Register<RemovalsHeld>("removals-held");
        store.Events.Register<HeldRemovalsDecided>("held-removals-decided");
        store.Events.Register<ConnectionTestRecorded>("connection-test-recorded");
        store.InlineProjections.Add(new DirectoryUsersProjection(store.Schema));
        store.InlineProjections.Add(new SyncHistoryProjection(store.Schema));
        store.InlineProjections.Add(new ScheduleProjection(store.Schema));
        store.InlineProjections.Add(new RegistryProjection(store.Schema));
        store.InlineProjections.Add(new CalloutProjection(store.Schema));
        store.InlineProjections.Add(new ConnectionTestHistoryProjection(store.Schema));
        store.InlineProjections.Add(new LoginSuffixProjection(store.Schema));
        store.Messages.AddAssemblyOf<UserDiscovered>();
    }

    /// <summary>The service's HTTP API: everything under <c>/v1/domains/{domain}</c> is for that domain's admins.</summary>
    public static WebApplication MapDirectorySync(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapGroup("/v1/domains/{domain}").RequireDomainAdmin().RequireDomainName().MapDirectorySettings().MapDirectorySyncs().MapDirectoryTest().MapDirectoryTestHistory().MapRegistryUsers()
            .MapRecipientVerification();
        app.MapRecipients();
        app.MapSecretReprotection();
        return app;
    }
}

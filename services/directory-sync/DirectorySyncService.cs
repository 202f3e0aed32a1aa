using JasperFx.Events.Projections;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts;
using Platform.Directory;
using Platform.DirectorySync.Domains;
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
using Platform.Outbox.Store;
using Platform.Security.Authentication;
using Platform.Security.Authorization;
using Platform.Security.Secrets;
using Platform.ServiceDefaults.Health;

namespace Platform.DirectorySync;

public static class DirectorySyncService
{
    public const string Name = "directory-sync";

    /// <summary>The store's default schema (<c>EventStore:Schema</c> overrides it).</summary>
    public const string Schema = "directory_sync";

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
        builder.AddPlatformMarten(Schema, messages => messages.AddAssemblyOf<UserDiscovered>(), ConfigureStore);
        return builder;
    }

    /// <summary>The service's events and projections (also used by the sync benchmark, on <see cref="PlatformStoreOptions.Create"/>).</summary>
    public static void ConfigureStore(StoreOptions options)
    {
        // Stored names: they never follow a class rename.
        options.Events.MapEventType<UserRegistered>("user-registered");
        options.Events.MapEventType<CalloutConfigured>("callout-configured");
        options.Events.MapEventType<CalloutRemoved>("callout-removed");
        options.Events.MapEventType<UserStatusSet>("user-status-set");
        options.Events.MapEventType<UserLoggedIn>("user-logged-in");
        options.Events.MapEventType<RegistryUserDeleted>("user-deleted");
        options.Events.MapEventType<DirectorySettingsSaved>("directory-settings-saved");
        options.Events.MapEventType<DirectorySettingsRemoved>("directory-settings-removed");
        options.Events.MapEventType<DirectoryUsersChanged>("directory-users-changed");
        options.Events.MapEventType<SyncRunRequested>("sync-run-requested");
        options.Events.MapEventType<SyncRunStarted>("sync-run-started");
        options.Events.MapEventType<SyncRunCompleted>("sync-run-completed");
        options.Events.MapEventType<SyncRunFailed>("sync-run-failed");
        options.Events.MapEventType<RemovalsHeld>("removals-held");
        options.Events.MapEventType<HeldRemovalsDecided>("held-removals-decided");
        options.Events.MapEventType<ConnectionTestRecorded>("connection-test-recorded");
        options.Projections.Add(new DomainDirectoryProjection(), ProjectionLifecycle.Live);
        options.Projections.Add(new RegisteredUserProjection(), ProjectionLifecycle.Live);
        options.AddTableProjection(new DirectoryUsersProjection(), ProjectionLifecycle.Inline);
        options.AddTableProjection(new SyncHistoryProjection(), ProjectionLifecycle.Inline);
        options.AddTableProjection(new ScheduleProjection(), ProjectionLifecycle.Inline);
        options.AddTableProjection(new RegistryProjection(), ProjectionLifecycle.Inline);
        options.AddTableProjection(new CalloutProjection(), ProjectionLifecycle.Inline);
        options.AddTableProjection(new ConnectionTestHistoryProjection(), ProjectionLifecycle.Inline);
        options.AddTableProjection(new LoginSuffixProjection(), ProjectionLifecycle.Inline);
    }

    /// <summary>The service's HTTP API: everything under <c>/v1/domains/{domain}</c> is for that domain's admins.</summary>
    public static WebApplication MapDirectorySync(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapGroup("/v1/domains/{domain}").RequireDomainAdmin().RequireDomainName().MapDirectorySettings().MapDirectorySyncs().MapDirectoryTest().MapDirectoryTestHistory().MapRegistryUsers()
            .MapRecipientVerification();
        app.MapDomains();
        app.MapRecipients();
        app.MapSecretReprotection();
        return app;
    }
}

using JasperFx.Events.Projections;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts;
using Platform.Outbox.Store;
using Platform.Notifications.Delivery;
using Platform.Notifications.History;
using Platform.Notifications.Reports;
using Platform.Notifications.Settings;
using Platform.Notifications.Welcome;
using Platform.Security.Authentication;
using Platform.Security.Authorization;
using Platform.Notifications.Relay;

namespace Platform.Notifications;

public static class NotificationsService
{
    public const string Name = "notifications";

    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<FirstSpamDetectedConsumer>();
        bus.AddConsumer<UserDiscoveredConsumer>();
        bus.AddConsumer<PeriodicReportReadyConsumer>();
    }

    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        // TryAdd: the test clock of the service defaults, when switched on (Development only), stays.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<DeliveryOptions>(builder.Configuration.GetSection("Notifications:Delivery"));
        builder.Services.AddOptions<SmtpRelayOptions>().BindConfiguration("Smtp")
            .Validate(o => SmtpSecurity.IsValid(o.Security), "Smtp:Security must be none, opportunistic, starttls (or required) or tls.").ValidateOnStart();
        builder.Services.AddSingleton<NotificationSettingsStore>();
        builder.Services.AddSingleton<NotificationQueue>();
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<LoginLinks>();
        builder.Services.AddSingleton<Welcomes>();
        builder.Services.AddSingleton<DeliveryWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        builder.Services.AddSingleton<DeliveryBacklogMetrics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeliveryBacklogMetrics>());
        builder.Services.AddPlatformAuthentication(builder.Configuration);
        builder.AddPlatformMarten(Name, messages => messages.AddAssemblyOf<WelcomeMessageSent>(), ConfigureStore);
        return builder;
    }

    /// <summary>
    /// The service's events (by the names they are stored under, which never follow a class rename) and its read
    /// models, both written inline: the welcome consumer reads the queue, and the lanes claim from it.
    /// </summary>
    public static void ConfigureStore(StoreOptions options)
    {
        options.Events.MapEventType<NotificationSettingsSaved>("notification-settings-saved");
        options.Events.MapEventType<NotificationQueued>("notification-queued");
        options.Events.MapEventType<DeliveryDeferred>("delivery-deferred");
        options.Events.MapEventType<NotificationDelivered>("notification-delivered");
        options.Events.MapEventType<NotificationAbandoned>("notification-abandoned");
        options.AddTableProjection(new NotificationSettingsProjection(), ProjectionLifecycle.Inline);
        options.AddTableProjection(new NotificationsProjection(), ProjectionLifecycle.Inline);
    }

    /// <summary>The service's HTTP API.</summary>
    public static WebApplication MapNotifications(this WebApplication app)
    {
        app.MapGroup("/v1/domains/{domain}").RequireDomainAdmin().RequireDomainName().MapNotificationSettings();
        app.MapGroup("/v1/domains/{domain}").RequirePlatformToken().RequireDomainName().MapNotificationHistory();
        return app;
    }
}

using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts;
using Platform.EventStore;
using Platform.Notifications.Delivery;
using Platform.Notifications.History;
using Platform.Notifications.Reports;
using Platform.Notifications.Settings;
using Platform.Notifications.Welcome;
using Platform.Security.Authentication;
using Platform.Security.Authorization;
using Platform.Smtp;

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
        builder.Services.AddPlatformEventStore(builder.Configuration, "notifications", store =>
        {
            store.Events.Register<NotificationSettingsSaved>("notification-settings-saved");
            store.Events.Register<NotificationQueued>("notification-queued");
            store.Events.Register<DeliveryDeferred>("delivery-deferred");
            store.Events.Register<NotificationDelivered>("notification-delivered");
            store.Events.Register<NotificationAbandoned>("notification-abandoned");
            store.InlineProjections.Add(new NotificationSettingsProjection(store.Schema));
            store.InlineProjections.Add(new NotificationsProjection(store.Schema));
            store.Messages.AddAssemblyOf<WelcomeMessageSent>();
        });
        return builder;
    }

    /// <summary>The service's HTTP API.</summary>
    public static WebApplication MapNotifications(this WebApplication app)
    {
        app.MapGroup("/v1/domains/{domain}").RequireDomainAdmin().RequireDomainName().MapNotificationSettings();
        app.MapGroup("/v1/domains/{domain}").RequirePlatformToken().RequireDomainName().MapNotificationHistory();
        return app;
    }
}

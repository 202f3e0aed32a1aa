using JasperFx.Events.Projections;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts;
using Platform.Outbox.Store;
using Platform.Reporting.Enrollment;
using Platform.Reporting.Quarantine;
using Platform.Reporting.Schedule;
using Platform.Reporting.Settings;
using Platform.Security.Authentication;
using Platform.Security.Authorization;

namespace Platform.Reporting;

public static class ReportingService
{
    public const string Name = "reporting";

    /// <summary>The store's schema unless <c>EventStore:Schema</c> says otherwise.</summary>
    public const string Schema = "reporting";

    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<SpamQuarantinedConsumer>();
        bus.AddConsumer<UserDiscoveredConsumer>();
    }

    public static WebApplicationBuilder AddReporting(this WebApplicationBuilder builder)
    {
        // TryAdd: the test clock of the service defaults, when switched on (Development only), stays.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<QuarantineReader>();
        builder.Services.AddSingleton<ReportingSettingsStore>();
        builder.Services.AddSingleton<EnrollmentStore>();
        builder.Services.Configure<ReportSchedulerOptions>(builder.Configuration.GetSection("Reporting:Schedule"));
        builder.Services.AddSingleton<ReportScheduler>();
        builder.Services.AddSingleton<ReportMetrics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReportScheduler>());
        builder.Services.AddSingleton<QuarantineRetention>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QuarantineRetention>());
        builder.Services.AddPlatformAuthentication(builder.Configuration);
        builder.AddPlatformMarten(Schema, messages => messages.AddAssemblyOf<FirstSpamDetected>(), ConfigureStore);
        return builder;
    }

    /// <summary>
    /// Reporting's events (stored names fixed here: they never follow a class rename) and its read models, all written
    /// in the transaction of the events (the consumers decide from them).
    /// </summary>
    public static void ConfigureStore(StoreOptions options)
    {
        options.Events.MapEventType<SpamRecorded>("spam-recorded");
        options.Events.MapEventType<ReportingSettingsSaved>("reporting-settings-saved");
        options.Events.MapEventType<ReportEnrollmentStarted>("report-enrollment-started");
        options.Events.MapEventType<ReportFrequencySet>("report-frequency-set");
        options.Events.MapEventType<ReportPreferencesSet>("report-preferences-set");
        options.Events.MapEventType<PeriodicReportProduced>("periodic-report-produced");
        options.AddTableProjection(new QuarantineProjection(), ProjectionLifecycle.Inline);
        options.AddTableProjection(new EnrollmentProjection(), ProjectionLifecycle.Inline);
        options.AddTableProjection(new ReportingSettingsProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new EnrollmentStateProjection(), ProjectionLifecycle.Live);
    }

    /// <summary>The service's HTTP API.</summary>
    public static WebApplication MapReporting(this WebApplication app)
    {
        app.MapGroup("/v1/domains/{domain}").RequireDomainAdmin().RequireDomainName().MapReportingSettings().MapEnrollmentOverview();
        app.MapGroup("/v1/domains/{domain}").RequirePlatformToken().RequireDomainName().MapUserReport();
        return app;
    }
}

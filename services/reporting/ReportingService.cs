using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts;
using Platform.EventStore;
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
        builder.Services.AddPlatformEventStore(builder.Configuration, "reporting", store =>
        {
            store.Events.Register<SpamRecorded>("spam-recorded");
            store.Events.Register<ReportingSettingsSaved>("reporting-settings-saved");
            store.Events.Register<ReportEnrollmentStarted>("report-enrollment-started");
            store.Events.Register<ReportFrequencySet>("report-frequency-set");
            store.Events.Register<PeriodicReportProduced>("periodic-report-produced");
            store.InlineProjections.Add(new QuarantineProjection(store.Schema));
            store.InlineProjections.Add(new EnrollmentProjection(store.Schema));
            store.InlineProjections.Add(new ReportingSettingsProjection(store.Schema));
            store.Messages.AddAssemblyOf<FirstSpamDetected>();
        });
        return builder;
    }

    /// <summary>The service's HTTP API.</summary>
    public static WebApplication MapReporting(this WebApplication app)
    {
        app.MapGroup("/v1/domains/{domain}").RequireDomainAdmin().RequireDomainName().MapReportingSettings().MapEnrollmentOverview();
        app.MapGroup("/v1/domains/{domain}").RequirePlatformToken().RequireDomainName().MapUserReport();
        return app;
    }
}

using MassTransit;
using Platform.Contracts;
using Platform.EventStore;
using Platform.Reporting.Quarantine;

namespace Platform.Reporting;

public static class ReportingService
{
    public const string Name = "reporting";

    public static void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<SpamQuarantinedConsumer>();

    public static WebApplicationBuilder AddReporting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPlatformEventStore(builder.Configuration, "reporting", store =>
        {
            store.Events.Register<SpamRecorded>("spam-recorded");
            store.Messages.AddAssemblyOf<FirstSpamDetected>();
        });
        return builder;
    }
}

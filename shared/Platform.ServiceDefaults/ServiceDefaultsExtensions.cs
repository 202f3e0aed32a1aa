using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Clock;
using Platform.ServiceDefaults.Configuration;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.OpenApi;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults;

/// <summary>What every Platform service starts with, so that all four start, log, trace and report health alike.</summary>
public static class ServiceDefaultsExtensions
{
    /// <param name="serviceName">The OpenTelemetry <c>service.name</c> and the prefix of the service's queues.</param>
    /// <param name="configureBus">Registers the service's consumers; the bus itself is configured here.</param>
    public static WebApplicationBuilder AddServiceDefaults(
        this WebApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureBus = null)
    {
        // First hosted service: nothing else starts when a required setting is missing.
        builder.Services.AddHostedService<RequiredSettings>();
        builder.AddPlatformTelemetry(serviceName);
        builder.AddPlatformTestClock();
        builder.AddPlatformDataSource();
        builder.AddPlatformBus(serviceName, configureBus);
        builder.AddPlatformHealthChecks();
        builder.AddPlatformOpenApi(serviceName);
        builder.AddPlatformForwardedHeaders();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCodes.AddCode);
        // A body that cannot be read is the client's error in every environment: 400 with a code, never a 500.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<ExceptionHandlerOptions>(o =>
            o.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    /// <summary>Health endpoints, the OpenAPI document, the API reference (Development) and error handling; call before mapping the service's own endpoints.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // First: everything after it, the per-client throttles among them, sees the forwarded client as the peer.
        app.UsePlatformForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapPlatformHealthEndpoints();
        app.MapPlatformOpenApi();
        app.MapPlatformApiReference();
        app.MapTestClock();
        return app;
    }
}

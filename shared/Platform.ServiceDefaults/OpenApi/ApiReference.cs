using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;

namespace Platform.ServiceDefaults.OpenApi;

/// <summary>
/// The OpenAPI document browsable at <see cref="Path"/> (Scalar), in Development only: a page that tries requests
/// against the service is for developers, not for production. Scalar serves its script from its own assembly; the
/// options below turn off what would still reach the internet (its fonts CDN, its usage telemetry, its AI agent).
/// </summary>
public static class ApiReference
{
    public const string Path = "/scalar";

    public static WebApplication MapPlatformApiReference(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference(Path, options => options
                    .WithOpenApiRoutePattern(OpenApiExtensions.RoutePattern)
                    .DisableDefaultFonts()
                    .DisableTelemetry()
                    .DisableAgent()
                    .DisableMcp())
                .AllowAnonymous();
        }

        return app;
    }
}

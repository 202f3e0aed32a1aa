using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Instrumentation.Http;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>What the HTTP spans leave out: health probes altogether, and addresses from every path and URL.</summary>
internal static class RequestSpans
{
    /// <summary>Where <see cref="Health.HealthExtensions"/> maps the probes' endpoints.</summary>
    private const string HealthPrefix = "/health";

    public static void Configure(AspNetCoreTraceInstrumentationOptions options)
    {
        // Kubernetes probes every few seconds; their spans (and the SQL under them) would drown the flows.
        options.Filter = context => !context.Request.Path.StartsWithSegments(HealthPrefix);
        // At the end of the request the route is known; the instrumentation set url.path to the raw path at its start.
        options.EnrichWithHttpResponse = (activity, response) => activity.SetTag("url.path", ServerPath(response.HttpContext));
    }

    public static void Configure(HttpClientTraceInstrumentationOptions options) =>
        options.EnrichWithHttpRequestMessage = (activity, request) =>
        {
            if (request.RequestUri is { } url)
            {
                activity.SetTag("url.full", PersonalPaths.OfUrl(url));
            }
        };

    private static string ServerPath(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint
            ? PersonalPaths.OfRoute(endpoint.RoutePattern, context.Request.RouteValues)
            : PersonalPaths.OfPath(context.Request.Path.Value ?? "/");
}

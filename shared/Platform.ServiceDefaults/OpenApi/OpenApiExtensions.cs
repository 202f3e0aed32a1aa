using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.OpenApi;

/// <summary>
/// Every service describes its HTTP API at <see cref="DocumentPath"/>, in every environment and without a token: the
/// document names routes and shapes, never data, and clients of the platform generate their code from it.
/// </summary>
public static class OpenApiExtensions
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string RoutePattern = "/openapi/{documentName}.json";

    public static WebApplicationBuilder AddPlatformOpenApi(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = $"Platform {serviceName}";
                document.Info.Description =
                    $"The HTTP API of the Platform service {serviceName}. Every error is an RFC 7807 problem with a stable `code`.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<ErrorResponses>();
        });
        return builder;
    }

    public static IEndpointConventionBuilder MapPlatformOpenApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapOpenApi(RoutePattern).AllowAnonymous();
}

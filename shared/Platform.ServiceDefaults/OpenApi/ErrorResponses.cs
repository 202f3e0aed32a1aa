using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.ServiceDefaults.OpenApi;

/// <summary>
/// Documents what every operation may answer besides its own results: an RFC 7807 problem with the platform's stable
/// <c>code</c> for any error, and — where a platform token is needed — the bearer scheme with its 401 and 403.
/// </summary>
internal sealed class ErrorResponses : IOpenApiOperationTransformer
{
    private const string ProblemSchema = "PlatformProblem";
    private const string BearerScheme = "platformToken";
    private const string ProblemContentType = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("An operation is transformed within its document.");
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Schemas.TryAdd(ProblemSchema, Problem());
        operation.Responses ??= [];
        operation.Responses.TryAdd("default", ProblemResponse("An error, as RFC 7807 problem details with a stable `code`.", document));

        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var needsToken = metadata.Any(m => m is IAuthorizeData or AuthorizationPolicy) && !metadata.OfType<IAllowAnonymous>().Any();
        if (needsToken)
        {
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes.TryAdd(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A platform access token from auth (`POST /v1/login`, `/v1/admin/login` or `/v1/token/refresh`).",
            });
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
            operation.Responses.TryAdd("401", ProblemResponse("No valid platform token (`unauthenticated`).", document));
            operation.Responses.TryAdd("403", ProblemResponse("The token does not allow this (`forbidden`).", document));
        }

        return Task.CompletedTask;
    }

    private static OpenApiResponse ProblemResponse(string description, OpenApiDocument document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
        },
    };

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 7807 problem details; `code` is stable and meant for programs, `title` and `detail` for people.",
        Required = new HashSet<string>(StringComparer.Ordinal) { "code" },
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = Text("A URI reference that identifies the problem type."),
            ["title"] = Text("A short summary of the problem."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status code." },
            ["detail"] = Text("What went wrong in this occurrence."),
            ["instance"] = Text("A URI reference that identifies this occurrence."),
            ["code"] = Text("The platform's stable problem code, e.g. `invalid_credentials`, `not_found`, `invalid_domain`."),
            ["traceId"] = Text("The W3C trace id of the request, for finding it in traces and logs."),
            ["errors"] = Fields("A validation problem's refused fields (camelCase, dotted when nested), each with what to change, in English."),
            ["codes"] = Fields("Mirrors `errors`: the same fields, and `codes[field][i]` is the stable code of `errors[field][i]`, e.g. `invalid_host`."),
        },
    };

    private static OpenApiSchema Fields(string description) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}

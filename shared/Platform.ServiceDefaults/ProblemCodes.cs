using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace Platform.ServiceDefaults;

/// <summary>
/// Every problem response carries a stable <c>code</c>: endpoints set their own; the framework's own answers (a body
/// that is not JSON, an unknown route, an unexpected exception) get one from their status here.
/// </summary>
internal static class ProblemCodes
{
    public static void AddCode(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Extensions.ContainsKey("code"))
        {
            return;
        }

        var error = context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error ?? context.Exception;
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        context.ProblemDetails.Extensions["code"] = (status, error) switch
        {
            (400, BadHttpRequestException { InnerException: System.Text.Json.JsonException }) => "invalid_json",
            (400, _) => "invalid_request",
            (401, _) => "unauthenticated",
            (403, _) => "forbidden",
            (404, _) => "not_found",
            (405, _) => "method_not_allowed",
            (413, _) => "request_too_large",
            (415, _) => "unsupported_media_type",
            (>= 500, _) => "internal_error",
            _ => "error",
        };
        if (status >= 500)
        {
            // Never the exception's message: it may name a host, a DN or worse.
            context.ProblemDetails.Detail = "Something went wrong on our side; the request's trace id identifies it in our logs.";
        }
    }
}

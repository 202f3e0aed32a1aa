using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// What an endpoint answered, as a metric tag from a fixed set: the problem's stable <c>code</c>, what the endpoint's
/// own <c>success</c> function makes of a 2xx result, <c>status_&lt;n&gt;</c> for another status, <c>bad_request</c>
/// for a request that could not be read, <c>error</c> for an exception (a 500). Never anything the caller sent.
/// </summary>
public static class EndpointAnswers
{
    public const string BadRequest = "bad_request";
    public const string Error = "error";

    /// <summary>Hands each answer of the endpoint to <paramref name="record"/>, leaving the endpoint itself alone.</summary>
    public static RouteHandlerBuilder RecordAnswers<TMetrics>(this RouteHandlerBuilder endpoint, Func<object?, string> success, Action<TMetrics, string> record)
        where TMetrics : notnull =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var metrics = context.HttpContext.RequestServices.GetRequiredService<TMetrics>();
            try
            {
                var result = await next(context);
                record(metrics, Of(result, success));
                return result;
            }
            catch (BadHttpRequestException)
            {
                record(metrics, BadRequest);
                throw;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                record(metrics, Error);
                throw;
            }
        });

    public static string Of(object? result, Func<object?, string> success) => result switch
    {
        ProblemHttpResult problem => problem.ProblemDetails.Extensions.TryGetValue("code", out var code) && code is string text
            ? text
            : $"status_{problem.StatusCode}",
        IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } => success(result),
        IStatusCodeHttpResult { StatusCode: { } status } => $"status_{status}",
        _ => Error,
    };
}

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Http;

namespace Platform.Auth.Lockout;

/// <summary>
/// Login and token requests per client address (an IPv6 client by its /64; behind a trusted proxy, the client it
/// forwarded for): ASP.NET Core's rate limiter, <see cref="LockoutOptions.ClientAttemptsPerMinute"/> per sliding minute,
/// in this replica's memory. Past it the endpoint's own <see cref="ThrottledAnswer"/> answers, before the endpoint runs.
/// </summary>
public static class ClientAttemptLimit
{
    public const string Policy = "client-attempts";
    private const int Segments = 6;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddClientAttemptLimit(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, PerClient);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
        });

    /// <summary>Counts the endpoint's requests per client; <paramref name="answer"/> refuses one past the limit, given the wait.</summary>
    public static RouteHandlerBuilder LimitedPerClient(this RouteHandlerBuilder endpoint, Func<HttpContext, TimeSpan, IResult> answer) =>
        endpoint.RequireRateLimiting(Policy).WithMetadata(new ThrottledAnswer(answer));

    private static RateLimitPartition<string> PerClient(HttpContext http)
    {
        // No peer (an in-process host without one): nothing to count it by.
        if (ClientAddresses.Of(http) is not { } address)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var perMinute = http.RequestServices.GetRequiredService<IOptions<LockoutOptions>>().Value.ClientAttemptsPerMinute;
        return RateLimitPartition.GetSlidingWindowLimiter(ClientAddresses.Key(address), _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = perMinute, Window = Minute, SegmentsPerWindow = Segments, QueueLimit = 0,
        });
    }

    /// <remarks>The sliding window gives no Retry-After of its own: its oldest segment is the soonest a request is forgotten.</remarks>
    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<ThrottledAnswer>() is { } answer)
        {
            await answer.Answer(http, Minute / Segments).ExecuteAsync(http);
        }
    }
}

/// <summary>Endpoint metadata: what a client past <see cref="ClientAttemptLimit"/> is answered there.</summary>
public sealed record ThrottledAnswer(Func<HttpContext, TimeSpan, IResult> Answer);

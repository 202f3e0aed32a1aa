using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Platform.Security;
using Platform.ServiceDefaults.Http;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// Per-domain rate limits (ASP.NET Core's rate limiter) of the endpoints that reach out to a customer's directory or
/// start a run: <c>POST .../directory/test</c> and <c>POST .../directory/sync</c>. Each has a fixed window per domain,
/// <c>DirectorySync:RateLimits:Test</c> and <c>:Sync</c> (<c>PermitLimit</c> requests per <c>Window</c>); past it, 429
/// <c>too_many_requests</c> with <c>Retry-After</c>. One domain's admins cannot keep the platform busy for every other;
/// the limiter runs after authorization, so nobody else can spend a domain's permits.
/// </summary>
public static class DomainRateLimits
{
    public const string Test = "directory-test";
    public const string Sync = "directory-sync";
    public const string Code = "too_many_requests";
    private const int DefaultPermitLimit = 10;
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddDomainRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Test, http => PerDomain(http, "Test"));
            options.AddPolicy(Sync, http => PerDomain(http, "Sync"));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
        });

    private static RateLimitPartition<string> PerDomain(HttpContext http, string endpoint)
    {
        // The same domain however it is spelled in the path (the endpoints answer for the normalized name).
        var domain = DomainNames.Normalize(http.GetRouteValue("domain") as string ?? "") ?? "";
        return RateLimitPartition.GetFixedWindowLimiter(domain, _ =>
        {
            var limits = http.RequestServices.GetRequiredService<IConfiguration>().GetSection($"DirectorySync:RateLimits:{endpoint}");
            return new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.GetValue("PermitLimit", DefaultPermitLimit),
                Window = limits.GetValue("Window", DefaultWindow),
                QueueLimit = 0,
            };
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : (int)DefaultWindow.TotalSeconds;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await CodedProblem.Result(StatusCodes.Status429TooManyRequests, Code, "Too many requests of this kind for this domain.",
            $"This domain's admins asked for this too often; try again in {seconds} s.").ExecuteAsync(http);
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.DirectorySync.Recipients;

/// <summary>
/// Readiness: a replica takes traffic only once its recipient index is loaded — before that it could only answer
/// "try again" to the filter's lookups.
/// </summary>
public sealed class RecipientIndexHealthCheck(RecipientIndex index) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(index.Loaded
            ? HealthCheckResult.Healthy($"{index.Domains} domains loaded.")
            : HealthCheckResult.Unhealthy("The recipient index is still loading."));
}

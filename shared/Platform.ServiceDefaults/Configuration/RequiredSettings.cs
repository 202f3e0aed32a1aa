using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Configuration;

/// <summary>
/// Refuses to start without the settings a service cannot work without, naming the environment variable to set:
/// a pod that crash-loops with that message beats one that runs against 127.0.0.1 or answers 500 on readiness.
/// </summary>
internal sealed class RequiredSettings(IConfiguration configuration) : IHostedService
{
    public static readonly IReadOnlyList<string> Keys = ["RabbitMq:Host", "ConnectionStrings:Postgres"];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var missing = Missing(configuration);
        return missing.Count == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException(
                "Missing required settings: " + string.Join(", ", missing.Select(k => k.Replace(":", "__", StringComparison.Ordinal))));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static List<string> Missing(IConfiguration configuration) =>
        [.. Keys.Where(key => string.IsNullOrWhiteSpace(configuration[key]))];
}

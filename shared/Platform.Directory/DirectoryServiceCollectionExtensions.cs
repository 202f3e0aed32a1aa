using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Platform.Directory.Egress;

namespace Platform.Directory;

public static class DirectoryServiceCollectionExtensions
{
    /// <summary>
    /// The <see cref="DirectoryClientFactory"/> singleton, with <see cref="DirectoryClientOptions"/> from the
    /// <c>Directory</c> section (e.g. <c>Directory:OutgoingAddresses:0</c>), and the <see cref="EgressPolicy"/> of the
    /// <c>Egress</c> section with the platform's own endpoints from the service's configuration.
    /// </summary>
    public static IServiceCollection AddPlatformDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(_ => configuration.GetSection("Directory").Get<DirectoryClientOptions>() ?? new DirectoryClientOptions());
        services.AddEgressPolicy(configuration);
        services.TryAddSingleton(sp => new DirectoryClientFactory(
            sp.GetRequiredService<DirectoryClientOptions>(), sp.GetService<ILoggerFactory>(), sp.GetService<TimeProvider>(), sp.GetRequiredService<EgressPolicy>()));
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.Directory.Egress;

public static class EgressServiceCollectionExtensions
{
    /// <summary>
    /// The <see cref="EgressPolicy"/> singleton: <see cref="EgressOptions"/> from the <c>Egress</c> section (an invalid
    /// network stops the service at start) and the platform's own endpoints from the service's configuration.
    /// </summary>
    public static IServiceCollection AddEgressPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EgressOptions>()
            .Bind(configuration.GetSection(EgressOptions.Section))
            .Validate(o => IsValid(o.AllowedNetworks), $"{EgressOptions.Section}:AllowedNetworks: networks in CIDR notation, comma-separated (e.g. 10.8.0.0/16,fd00:8::/48).")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new EgressPolicy(
            EgressPolicy.ParseNetworks(sp.GetRequiredService<IOptions<EgressOptions>>().Value.AllowedNetworks), PlatformEndpoints.From(configuration)));
        return services;
    }

    private static bool IsValid(string? networks)
    {
        try
        {
            EgressPolicy.ParseNetworks(networks);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

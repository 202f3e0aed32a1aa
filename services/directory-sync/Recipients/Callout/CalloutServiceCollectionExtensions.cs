using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Directory.Egress;

namespace Platform.DirectorySync.Recipients.Callout;

/// <summary>Registers recipient verification by SMTP callout.</summary>
public static class CalloutServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="CalloutOptions"/> from <c>Recipients:Callout</c> (checked at start-up), the system clock unless one is
    /// registered, and <see cref="RecipientCallout"/> with its client and cache as singletons.
    /// </summary>
    public static IServiceCollection AddRecipientCallout(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CalloutOptions>()
            .Bind(configuration.GetSection(CalloutOptions.Section))
            .Validate(o => o.IsValid(), $"{CalloutOptions.Section}: timeouts must be positive, TTLs not negative, limits at least 1, HeloName a host name and Sender an address or empty.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddEgressPolicy(configuration);
        services.TryAddSingleton<SmtpCalloutClient>();
        services.TryAddSingleton<CalloutCache>();
        services.TryAddSingleton<RecipientCallout>();
        return services;
    }
}

using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Security.Authorization;
using Platform.Security.Tokens;

namespace Platform.Security.Authentication;

public static class PlatformAuthentication
{
    /// <summary>The authentication scheme of platform access tokens.</summary>
    public const string Scheme = "Bearer";

    /// <summary>
    /// The <c>Bearer</c> scheme (default for authenticate, challenge and forbid): ASP.NET Core's JwtBearer, validating platform tokens with
    /// <c>Auth:Issuer</c>, <c>Auth:Audience</c> and <c>Auth:ValidationKeys:0..n</c>, and the <see cref="PlatformPolicies"/>.
    /// The host refuses to start, naming the variable, when one of those settings is missing or invalid.
    /// </summary>
    public static IServiceCollection AddPlatformAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddTokenOptions(services, configuration);
        services.TryAddSingleton(sp => new PlatformTokenValidator(sp.GetRequiredService<IOptions<PlatformTokenOptions>>().Value));
        services.AddAuthentication(Scheme).AddJwtBearer(Scheme);
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<PlatformTokenValidator>(UseValidator);
        PlatformPolicies.Add(services.AddAuthorizationBuilder());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, DomainAdminOfRouteHandler>());
        return services;
    }

    /// <summary>
    /// The <see cref="PlatformTokenIssuer"/> (auth service only), signing with <c>Auth:SigningKey</c>. The host refuses
    /// to start when the key is missing or invalid, or when its public key is not among <c>Auth:ValidationKeys</c>.
    /// </summary>
    public static IServiceCollection AddPlatformTokenIssuer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddTokenOptions(services, configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlatformTokenOptions>, SigningSettingsValidation>());
        services.TryAddSingleton(sp => new PlatformTokenIssuer(
            sp.GetRequiredService<IOptions<PlatformTokenOptions>>().Value, sp.GetService<TimeProvider>()));
        return services;
    }

    /// <summary>JwtBearer with the platform's rules, its token handler (and so its cache), and its problem details.</summary>
    private static void UseValidator(JwtBearerOptions options, PlatformTokenValidator validator)
    {
        options.TokenValidationParameters = validator.Parameters;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(validator.Handler);
        options.MapInboundClaims = false;
        // Tokens come from our own keys, never from an authority's metadata.
        options.Authority = null;
        options.MetadataAddress = string.Empty;
        options.Events = new PlatformBearerEvents();
    }

    private static void AddTokenOptions(IServiceCollection services, IConfiguration configuration)
    {
        // Read when first resolved, not now: hosts (and test factories) may still add configuration after this call.
        services.AddOptions<PlatformTokenOptions>().Configure(options => options.Read(configuration)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlatformTokenOptions>, ValidationSettingsValidation>());
    }

    private sealed class ValidationSettingsValidation : IValidateOptions<PlatformTokenOptions>
    {
        public ValidateOptionsResult Validate(string? name, PlatformTokenOptions options) => Check(() =>
        {
            using var validator = new PlatformTokenValidator(options);
        });
    }

    private sealed class SigningSettingsValidation : IValidateOptions<PlatformTokenOptions>
    {
        public ValidateOptionsResult Validate(string? name, PlatformTokenOptions options) => Check(() =>
        {
            using var issuer = new PlatformTokenIssuer(options);
            using var validator = new PlatformTokenValidator(options);
            if (!validator.KeyIds.Contains(issuer.KeyId, StringComparer.Ordinal))
            {
                throw new InvalidOperationException(
                    $"The public key of {PlatformTokenOptions.SigningKeyKey} (kid {issuer.KeyId}) is not among {PlatformTokenOptions.ValidationKeysKey}: every token it signs would be refused.");
            }
        });
    }

    private static ValidateOptionsResult Check(Action build)
    {
        try
        {
            build();
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}

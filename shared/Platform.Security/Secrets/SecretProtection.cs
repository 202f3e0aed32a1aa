using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.Security.Secrets;

public static class SecretProtection
{
    /// <summary>
    /// The <see cref="SecretProtector"/> from <c>Secrets:EncryptionKey</c> and <c>Secrets:PreviousEncryptionKeys:0..n</c>.
    /// The host refuses to start, naming the variable, when a key is missing or not base64 of 32 bytes.
    /// </summary>
    public static IServiceCollection AddPlatformSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Read when first resolved, not now: hosts (and test factories) may still add configuration after this call.
        services.AddOptions<SecretProtectionOptions>().Configure(options => options.Read(configuration)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecretProtectionOptions>, KeyValidation>());
        services.TryAddSingleton(sp => new SecretProtector(sp.GetRequiredService<IOptions<SecretProtectionOptions>>().Value));
        return services;
    }

    private sealed class KeyValidation : IValidateOptions<SecretProtectionOptions>
    {
        public ValidateOptionsResult Validate(string? name, SecretProtectionOptions options)
        {
            try
            {
                _ = new SecretProtector(options);
                return ValidateOptionsResult.Success;
            }
            catch (InvalidOperationException e)
            {
                return ValidateOptionsResult.Fail(e.Message);
            }
        }
    }
}

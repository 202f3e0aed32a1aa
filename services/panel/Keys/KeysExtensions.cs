using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Security.Secrets;

namespace Platform.Panel.Keys;

public static class KeysExtensions
{
    /// <summary>
    /// Data protection with one application name and the key ring in PostgreSQL, for every replica alike, each key
    /// encrypted with the platform's <c>Secrets:EncryptionKey</c>.
    /// </summary>
    public static IServiceCollection AddPanelKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPlatformSecrets(configuration);
        services.AddDataProtection().SetApplicationName("platform-panel");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new PostgresXmlRepository(provider.GetRequiredService<NpgsqlDataSource>());
            o.XmlEncryptor = new SecretKeyEncryptor(provider.GetRequiredService<SecretProtector>());
        }));
        return services;
    }
}

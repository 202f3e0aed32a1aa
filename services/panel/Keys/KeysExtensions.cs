using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.Panel.Keys;

public static class KeysExtensions
{
    /// <summary>Data protection with one application name and the key ring in PostgreSQL, for every replica alike.</summary>
    public static IServiceCollection AddPanelKeys(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("platform-panel");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(
            o => o.XmlRepository = new PostgresXmlRepository(provider.GetRequiredService<NpgsqlDataSource>())));
        return services;
    }
}

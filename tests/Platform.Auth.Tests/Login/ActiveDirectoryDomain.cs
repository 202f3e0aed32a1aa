using System.Globalization;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Directory.Settings;
using Platform.Security.Secrets;
using Platform.Testing;

namespace Platform.Auth.Tests.Login;

/// <summary>
/// The local Samba AD DC's users as the directory of <c>example.com</c> (CN=Users, service account, StartTLS, logins
/// also in the UPN suffix corp.example.test), delivered to auth as directory-sync sends settings.
/// </summary>
internal static class ActiveDirectoryDomain
{
    /// <param name="adjust">Changes to these settings (e.g. no service account), before they are published.</param>
    public static async Task PublishAsync(ServiceHost<Program> host, Func<DirectorySettingsChanged, DirectorySettingsChanged>? adjust = null)
    {
        var protector = host.Services.GetRequiredService<SecretProtector>();
        var settings = new DirectorySettingsChanged
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = "example.com", Version = 1, Configured = true,
            Kind = "activeDirectory", Host = "127.0.0.1", Port = int.Parse(Infrastructure.Get("ActiveDirectory:Port"), CultureInfo.InvariantCulture),
            Security = "starttls", CaCertificatePem = LdapSubtree.CaPem, ConnectTimeoutSeconds = 2, OperationTimeoutSeconds = 10,
            BindDn = Infrastructure.Get("ActiveDirectory:ServiceDn"),
            ProtectedBindPassword = protector.Protect(Infrastructure.Get("ActiveDirectory:ServicePassword"), PublishedSettings.PasswordContext("example.com")),
            BaseDn = Infrastructure.Get("ActiveDirectory:UsersDn"), ExtraFilter = "(mail=*)", LoginSuffixes = ["corp.example.test"],
        };
        await host.Services.GetRequiredService<IBus>().Publish(adjust is null ? settings : adjust(settings));
        // An unknown domain also answers 401, so wait for the settings themselves.
        await Eventually.Get(() => SettingsVersionAsync(host), v => v == 1, TimeSpan.FromSeconds(20));
    }

    private static async Task<long> SettingsVersionAsync(ServiceHost<Program> host)
    {
        await using var data = Npgsql.NpgsqlDataSource.Create(host.ConnectionString);
        await using var command = data.CreateCommand("SELECT version FROM auth.domain_directories WHERE domain = 'example.com'");
        return await command.ExecuteScalarAsync() is long version ? version : 0;
    }
}

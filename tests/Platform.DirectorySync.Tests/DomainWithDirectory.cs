using Platform.Security.Tokens;
using Platform.Testing;

namespace Platform.DirectorySync.Tests;

/// <summary>
/// What a test of one domain's directory starts with: the directory-sync service in a database and virtual host of
/// its own, an OpenLDAP subtree of the test's own (removed afterwards), and a client acting as the domain's admin.
/// </summary>
internal sealed class DomainWithDirectory(ServiceHost<Program> host, LdapSubtree ldap, HttpClient admin) : IAsyncDisposable
{
    public ServiceHost<Program> Host => host;

    public LdapSubtree Ldap => ldap;

    /// <summary>Signed in as <c>admin@&lt;domain&gt;</c>, the domain's admin.</summary>
    public HttpClient Admin => admin;

    /// <summary>Starts the service with <paramref name="settings"/> over its defaults.</summary>
    public static async Task<DomainWithDirectory> StartAsync(string domain, params (string Key, string Value)[] settings)
    {
        var host = await ServiceHost<Program>.CreateAsync();
        foreach (var (key, value) in settings)
        {
            host.With(key, value);
        }

        var admin = host.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{domain}", domain));
        return new DomainWithDirectory(host, await LdapSubtree.CreateAsync(), admin);
    }

    public async ValueTask DisposeAsync()
    {
        admin.Dispose();
        await ldap.DisposeAsync();
        await host.DisposeAsync();
    }
}

using System.DirectoryServices.Protocols;
using System.Net;
using Platform.Bench.Sync;
using Platform.Directory.Escaping;

namespace Platform.Bench.Login;

/// <summary>
/// The baseline: a login's directory work with System.DirectoryServices.Protocols alone — search the user by uid on
/// the worker's own service connection (StartTLS, bound as the service account, kept open), then bind as the found DN
/// on a new StartTLS connection — and nothing else: no state, no events, no token.
/// </summary>
internal sealed class RawLogin(BenchDirectory directory) : IDisposable
{
    private readonly ThreadLocal<LdapConnection> _service = new(() => Open(directory, BenchDirectory.ServiceDn, directory.ServicePassword.Reveal()), trackAllValues: true);

    public void Login(string uid)
    {
        var found = (SearchResponse)_service.Value!.SendRequest(
            new SearchRequest(BenchDirectory.BaseDn, $"(&(objectClass=inetOrgPerson)(uid={LdapFilter.EscapeValue(uid)}))", SearchScope.Subtree, "mail"));
        if (found.Entries.Count != 1)
        {
            throw new BenchmarkInvalidException($"raw search found {found.Entries.Count} entries for {uid}");
        }

        using var user = Open(directory, found.Entries[0].DistinguishedName, BenchDirectory.UserPassword);
    }

    public void Dispose()
    {
        foreach (var connection in _service.Values)
        {
            connection.Dispose();
        }

        _service.Dispose();
    }

    private static LdapConnection Open(BenchDirectory directory, string dn, string password)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The bench directory runs on Linux only.");
        }

        var connection = BenchSlapd.Connect(directory.Port);
        connection.SessionOptions.TrustedCertificatesDirectory = directory.CaDirectory;
        connection.SessionOptions.StartNewTlsSessionContext();
        connection.AuthType = AuthType.Anonymous;
        connection.Bind();
        connection.SessionOptions.StartTransportLayerSecurity(null);
        connection.AuthType = AuthType.Basic;
        connection.Bind(new NetworkCredential(dn, password));
        return connection;
    }
}

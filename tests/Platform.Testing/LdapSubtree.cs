using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Directory.Connections;
using Platform.Directory.Escaping;

namespace Platform.Testing;

/// <summary>
/// A subtree <c>ou=&lt;unique&gt;,o=tests</c> of the test's own on the real slapd, created as the tests rootdn: a
/// non-root service account (<see cref="ServiceDn"/>, which the size limits apply to) and a people container
/// (<see cref="BaseDn"/>) for users; everything is deleted on dispose.
/// </summary>
public sealed class LdapSubtree : IAsyncDisposable
{
    public const string Host = "127.0.0.1";

    private LdapConnection _admin;

    private LdapSubtree(LdapConnection admin, string dn)
    {
        _admin = admin;
        Dn = dn;
        ServicePassword = "reader-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
    }

    /// <summary>The subtree itself.</summary>
    public string Dn { get; }

    /// <summary>The people container: where users are added and what <see cref="Settings"/> searches.</summary>
    public string BaseDn => $"ou=people,{Dn}";

    public string ServiceDn => $"cn=reader,{Dn}";

    /// <summary>The service account's password, different for every subtree (so a test can look for it in a response).</summary>
    public string ServicePassword { get; }

    public static int Port => int.Parse(Infrastructure.Get("Ldap:Port"), CultureInfo.InvariantCulture);

    public static int LdapsPort => int.Parse(Infrastructure.Get("Ldap:LdapsPort"), CultureInfo.InvariantCulture);

    public static string CaPem => File.ReadAllText(Infrastructure.Get("Ldap:CaCertificatePath"));

    public static async Task<LdapSubtree> CreateAsync()
    {
        var admin = AdminConnection();
        var ou = "t-" + Guid.NewGuid().ToString("N")[..12];
        var subtree = new LdapSubtree(admin, $"ou={ou},{Infrastructure.Get("Ldap:TestsBaseDn")}");
        await subtree.AddAsync(subtree.Dn, ("objectClass", ["organizationalUnit"]), ("ou", [ou]));
        await subtree.AddAsync(subtree.ServiceDn,
            ("objectClass", ["organizationalRole", "simpleSecurityObject"]), ("cn", ["reader"]), ("userPassword", [Ssha(subtree.ServicePassword)]));
        await subtree.AddAsync(subtree.BaseDn, ("objectClass", ["organizationalUnit"]), ("ou", ["people"]));
        return subtree;
    }

    /// <summary>
    /// The body of <c>PUT /v1/domains/{domain}/directory</c> for this subtree: openLdap over StartTLS with the local
    /// CA, bound as the service account, accounts disabled by the ACCOUNTDISABLE bit of <c>userAccountControl</c>
    /// (what <see cref="AddUserAsync"/> writes). Change any member before sending it.
    /// </summary>
    public JsonObject Settings(string security = "starttls", int? port = null) => new()
    {
        ["kind"] = "openLdap",
        ["host"] = Host,
        ["port"] = port ?? (security == "ldaps" ? LdapsPort : Port),
        ["security"] = security,
        ["caCertificatePem"] = security == "none" ? null : CaPem,
        ["connectTimeoutSeconds"] = 2,
        ["operationTimeoutSeconds"] = 20,
        ["bindDn"] = ServiceDn,
        ["bindPassword"] = ServicePassword,
        ["baseDn"] = BaseDn,
        ["attributes"] = new JsonObject { ["disabledRule"] = "accountControlFlag" },
    };

    /// <summary>
    /// A user <c>uid=&lt;uid&gt;,</c><see cref="BaseDn"/> (inetOrgPerson + platformUser): <paramref name="mail"/>
    /// (none when null), aliases as mailAlternateAddress, and, when <paramref name="disabled"/> is given,
    /// userAccountControl 514 or 512; <paramref name="password"/> as userPassword, so the user can bind.
    /// </summary>
    public async Task<LdapUser> AddUserAsync(
        string uid, string? mail, IReadOnlyList<string>? aliases = null, string? displayName = null, bool? disabled = null, string? password = null)
    {
        var attributes = new List<(string, object[])>
        {
            ("objectClass", ["inetOrgPerson", "platformUser"]),
            ("uid", [uid]),
            ("cn", [uid]),
            ("sn", [uid]),
        };
        if (mail is not null)
        {
            attributes.Add(("mail", [mail]));
        }

        if (aliases is { Count: > 0 })
        {
            attributes.Add(("mailAlternateAddress", [.. aliases]));
        }

        if (displayName is not null)
        {
            attributes.Add(("displayName", [displayName]));
        }

        if (password is not null)
        {
            attributes.Add(("userPassword", [password]));
        }

        if (disabled is { } isDisabled)
        {
            attributes.Add(("userAccountControl", [isDisabled ? "514" : "512"]));
        }

        var dn = $"uid={LdapDn.EscapeValue(uid)},{BaseDn}";
        await AddAsync(dn, [.. attributes]);
        return new LdapUser(uid, dn, await EntryUuidAsync(dn), mail);
    }

    public async Task AddAsync(string dn, params (string Name, object[] Values)[] attributes)
    {
        var request = new AddRequest(dn, [.. attributes.Select(a => new DirectoryAttribute(a.Name, a.Values))]);
        await Task.Run(() => Send(request));
    }

    /// <summary>Replaces <paramref name="attribute"/>'s values; no values removes the attribute.</summary>
    public async Task ModifyAsync(string dn, string attribute, params string[] values)
    {
        var request = values.Length == 0
            ? new ModifyRequest(dn, DirectoryAttributeOperation.Delete, attribute)
            : new ModifyRequest(dn, DirectoryAttributeOperation.Replace, attribute, values);
        await Task.Run(() => Send(request));
    }

    /// <summary>Disables or enables the account the way <see cref="Settings"/> reads it.</summary>
    public Task SetDisabledAsync(string dn, bool disabled) => ModifyAsync(dn, "userAccountControl", disabled ? "514" : "512");

    public async Task DeleteAsync(string dn) => await Task.Run(() => Send(new DeleteRequest(dn)));

    /// <summary>The entry's stable id as a sync sees it (entryUUID for openLdap).</summary>
    public async Task<string> EntryUuidAsync(string dn)
    {
        var request = new SearchRequest(dn, "(objectClass=*)", SearchScope.Base, "entryUUID");
        var response = (SearchResponse)await Task.Run(() => Send(request));
        return (string)response.Entries[0].Attributes["entryUUID"].GetValues(typeof(string))[0];
    }

    /// <summary>A loopback port where nothing listens (free a moment ago).</summary>
    public static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.Run(DeleteSubtree);
        }
        finally
        {
            _admin.Dispose();
        }
    }

    private static string Ssha(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(8);
        var hash = SHA1.HashData([.. Encoding.UTF8.GetBytes(password), .. salt]);
        return "{SSHA}" + Convert.ToBase64String([.. hash, .. salt]);
    }

    private void DeleteSubtree()
    {
        var request = new SearchRequest(Dn, "(objectClass=*)", SearchScope.Subtree, "1.1");
        var dns = ((SearchResponse)Send(request)).Entries.Cast<SearchResultEntry>().Select(e => e.DistinguishedName);
        // A child's DN ends with its parent's, so longest first deletes children before their parents.
        foreach (var dn in dns.OrderByDescending(dn => dn.Length))
        {
            Send(new DeleteRequest(dn));
        }
    }

    /// <summary>
    /// Sends on the admin connection, once more on a new one if it was lost: the service hosted in this process sets
    /// libldap's process-wide timeouts while it connects (see Platform.Directory's LibLdap), and a connection this
    /// fixture opens at that moment may inherit a short one.
    /// </summary>
    private DirectoryResponse Send(DirectoryRequest request)
    {
        try
        {
            return _admin.SendRequest(request);
        }
        catch (LdapException e) when (e.ErrorCode == 81)
        {
            _admin.Dispose();
            _admin = AdminConnection();
            return _admin.SendRequest(request);
        }
    }

    private static LdapConnection AdminConnection()
    {
        var connection = new LdapConnection(
            new LdapDirectoryIdentifier(Host, Port),
            new NetworkCredential(Infrastructure.Get("Ldap:TestsAdminDn"), Infrastructure.Get("Ldap:AdminPassword")),
            AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Timeout = TimeSpan.FromSeconds(30);
        // Other tests in this process start and end child processes (slapadd, strace): their signals must not end a
        // wait of this connection (see LibLdap.RestartOnInterrupt).
        LibLdap.RestartOnInterrupt(connection);
        connection.Bind();
        return connection;
    }
}

/// <summary>A user added by <see cref="LdapSubtree.AddUserAsync"/>; <see cref="Id"/> is the entryUUID a sync keys on.</summary>
public sealed record LdapUser(string Uid, string Dn, string Id, string? Mail);

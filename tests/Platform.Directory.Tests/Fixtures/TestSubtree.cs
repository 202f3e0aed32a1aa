using System.DirectoryServices.Protocols;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Platform.Directory.Connections;
using Platform.Directory.Escaping;
using Platform.Directory.Mapping;
using Platform.Directory.Settings;

namespace Platform.Directory.Tests.Fixtures;

/// <summary>
/// A subtree <c>ou=&lt;unique&gt;,o=tests</c> of the test's own on the real slapd, created as the tests rootdn with a
/// non-root service account in it (the rootdn ignores size limits, so it would hide them), deleted afterwards.
/// </summary>
public sealed class TestSubtree : IAsyncDisposable
{
    public const string ServicePassword = "service-password-1";
    public const string UserPassword = "user-password-1";

    private readonly LdapConnection _admin;

    private TestSubtree(LdapConnection admin, string dn)
    {
        _admin = admin;
        Dn = dn;
    }

    public string Dn { get; }

    public string ServiceDn => $"cn=reader,{Dn}";

    public static async Task<TestSubtree> CreateAsync()
    {
        var admin = AdminConnection();
        var ou = "t-" + Guid.NewGuid().ToString("N")[..12];
        var subtree = new TestSubtree(admin, $"ou={ou},{LocalLdap.TestsBaseDn}");
        await subtree.AddAsync(subtree.Dn, ("objectClass", ["organizationalUnit"]), ("ou", [ou]));
        await subtree.AddAsync(subtree.ServiceDn,
            ("objectClass", ["organizationalRole", "simpleSecurityObject"]), ("cn", ["reader"]), ("userPassword", [Ssha(ServicePassword)]));
        return subtree;
    }

    /// <summary>Settings for this subtree on the local slapd, bound as the subtree's service account.</summary>
    public DirectorySettings Settings(DirectoryKind kind = DirectoryKind.OpenLdap, DirectorySecurity security = DirectorySecurity.None) => new()
    {
        Kind = kind,
        Host = LocalLdap.Host,
        Port = security == DirectorySecurity.Ldaps ? LocalLdap.LdapsPort : LocalLdap.Port,
        Security = security,
        CaCertificatePem = security == DirectorySecurity.None ? null : LocalLdap.CaPem,
        BindDn = ServiceDn,
        BindPassword = new DirectorySecret(ServicePassword),
        BaseDn = Dn,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        OperationTimeout = TimeSpan.FromSeconds(20),
        // Our slapd has no objectCategory, objectGUID, uSNChanged or zimbraAccount: override what cannot exist.
        Attributes = kind switch
        {
            DirectoryKind.ActiveDirectory => new AttributeOverrides
            {
                Id = "entryUUID", UserFilter = "(objectClass=inetOrgPerson)", Changes = ChangeTracking.ModifyTimestamp,
            },
            DirectoryKind.Zimbra => new AttributeOverrides { UserFilter = "(objectClass=inetOrgPerson)" },
            _ => null,
        },
    };

    /// <summary>An AD-shaped user (inetOrgPerson + platformUser): sAMAccountName, UPN, proxyAddresses, userAccountControl.</summary>
    public Task<string> AddAdUserAsync(
        string sam, string? mail = null, string[]? proxyAddresses = null, int accountControl = 512, string? upn = null, string? displayName = null)
    {
        var attributes = new List<(string, object[])>
        {
            ("objectClass", ["inetOrgPerson", "platformUser"]),
            ("uid", [sam]),
            ("cn", [displayName ?? sam]),
            ("sn", [sam]),
            ("sAMAccountName", [sam]),
            ("userPrincipalName", [upn ?? $"{sam}@corp.example.com"]),
            ("userAccountControl", [accountControl.ToString(System.Globalization.CultureInfo.InvariantCulture)]),
            ("userPassword", [Ssha(UserPassword)]),
        };
        if (mail is not null)
        {
            attributes.Add(("mail", [mail]));
        }

        if (proxyAddresses is { Length: > 0 })
        {
            attributes.Add(("proxyAddresses", proxyAddresses));
        }

        if (displayName is not null)
        {
            attributes.Add(("displayName", [displayName]));
        }

        return AddUnderAsync(sam, [.. attributes]);
    }

    /// <summary>A user <c>uid=&lt;uid&gt;</c> with any further attributes (objectClass inetOrgPerson + platformUser by default).</summary>
    public Task<string> AddUserAsync(string uid, params (string Name, object[] Values)[] attributes)
    {
        var all = new List<(string, object[])>
        {
            ("objectClass", ["inetOrgPerson", "platformUser"]),
            ("uid", [uid]),
            ("cn", [uid]),
            ("sn", [uid]),
            ("userPassword", [Ssha(UserPassword)]),
        };
        foreach (var (name, values) in attributes)
        {
            all.RemoveAll(a => a.Item1 == name);
            all.Add((name, values));
        }

        return AddUnderAsync(uid, [.. all]);
    }

    public async Task AddAsync(string dn, params (string Name, object[] Values)[] attributes)
    {
        var request = new AddRequest(dn, attributes.Select(a => new DirectoryAttribute(a.Name, a.Values)).ToArray());
        await Task.Run(() => _admin.SendRequest(request));
    }

    public async Task ModifyAsync(string dn, string attribute, params string[] values)
    {
        var request = new ModifyRequest(dn, DirectoryAttributeOperation.Replace, attribute, values);
        await Task.Run(() => _admin.SendRequest(request));
    }

    /// <summary>Adds many entries over a few parallel admin connections (a thousand take a few seconds).</summary>
    public async Task AddManyAsync(IEnumerable<(string Dn, (string Name, object[] Values)[] Attributes)> entries, int connections = 8)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<(string, (string, object[])[])>(entries);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(() =>
        {
            using var connection = AdminConnection();
            while (queue.TryDequeue(out var entry))
            {
                connection.SendRequest(new AddRequest(entry.Item1, entry.Item2.Select(a => new DirectoryAttribute(a.Item1, a.Item2)).ToArray()));
            }
        })));
    }

    public static string Ssha(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(8);
        var hash = SHA1.HashData([.. Encoding.UTF8.GetBytes(password), .. salt]);
        return "{SSHA}" + Convert.ToBase64String([.. hash, .. salt]);
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

    private Task<string> AddUnderAsync(string uid, (string Name, object[] Values)[] attributes)
    {
        var dn = $"uid={LdapDn.EscapeValue(uid)},{Dn}";
        return AddAsync(dn, attributes).ContinueWith(t => { t.GetAwaiter().GetResult(); return dn; }, TaskScheduler.Default);
    }

    private void DeleteSubtree()
    {
        var request = new SearchRequest(Dn, "(objectClass=*)", SearchScope.Subtree, "1.1");
        var dns = ((SearchResponse)_admin.SendRequest(request)).Entries.Cast<SearchResultEntry>()
            .Select(e => e.DistinguishedName)
            .ToList();
        // Deepest entries first; the entries of one depth in parallel.
        foreach (var level in dns.GroupBy(dn => LdapDn.Parse(dn)!.Count).OrderByDescending(g => g.Key))
        {
            Parallel.ForEach(
                level.Chunk(level.Count() / 8 + 1),
                chunk =>
                {
                    using var connection = AdminConnection();
                    foreach (var dn in chunk)
                    {
                        connection.SendRequest(new DeleteRequest(dn));
                    }
                });
        }
    }

    private static LdapConnection AdminConnection()
    {
        var connection = new LdapConnection(
            new LdapDirectoryIdentifier(LocalLdap.Host, LocalLdap.Port),
            new NetworkCredential(LocalLdap.AdminDn, LocalLdap.AdminPassword),
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

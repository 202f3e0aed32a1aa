using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Net;
using Platform.Directory;
using Platform.Directory.Settings;

namespace Platform.Bench.Sync;

/// <summary>
/// The bench's private directory, while <see cref="BenchSlapd"/> runs it: <see cref="Users"/> inetOrgPerson users
/// <c>uid=user000001,</c><see cref="BaseDn"/> … with mail <c>user000001@bench.example</c>; every fourth one
/// (<see cref="HasAliases"/>) is also a platformUser with two mailAlternateAddress aliases. The service account is not
/// the rootdn, so the production size limits and ACLs of infra/ldap/limits-and-access.conf apply to it.
/// </summary>
internal sealed class BenchDirectory(int port, int users, string caCertificatePem, string caDirectory, string servicePassword, string adminPassword)
{
    public const string Host = "127.0.0.1";
    public const string SuffixDn = "dc=bench,dc=example";
    public const string BaseDn = "ou=people," + SuffixDn;
    public const string ServiceDn = "cn=sync-reader,ou=services," + SuffixDn;
    public const string AdminDn = "cn=admin," + SuffixDn;
    public const string MailDomain = "bench.example";

    /// <summary>Every user's password (the login benchmark binds as them).</summary>
    public const string UserPassword = "Bench user password 1!";

    private int _modifications;

    /// <summary>slapd's port on <see cref="Host"/>: plain LDAP upgraded with StartTLS (the local CA's server certificate).</summary>
    public int Port => port;

    public int Users => users;

    public int UsersWithAliases => users / 4;

    public DirectorySecurity Security => DirectorySecurity.StartTls;

    /// <summary>The local CA (.platform/tls/ca.pem) that issued slapd's certificate.</summary>
    public string CaCertificatePem => caCertificatePem;

    public DirectorySecret ServicePassword { get; } = new(servicePassword);

    /// <summary>Settings for a domain on this directory, as an admin would save them: OpenLDAP defaults, service account, pages of 1000.</summary>
    public DirectorySettings Settings => new()
    {
        Kind = DirectoryKind.OpenLdap,
        Host = Host,
        Port = port,
        Security = Security,
        CaCertificatePem = caCertificatePem,
        BindDn = ServiceDn,
        BindPassword = ServicePassword,
        BaseDn = BaseDn,
        PageSize = 1000,
    };

    /// <summary>A folder holding only ca.pem, for a raw connection's TrustedCertificatesDirectory.</summary>
    internal string CaDirectory => caDirectory;

    public static string Uid(int number) => "user" + number.ToString("D6", CultureInfo.InvariantCulture);

    public static string UserDn(int number) => $"uid={Uid(number)},{BaseDn}";

    public static string Address(int number) => $"{Uid(number)}@{MailDomain}";

    /// <summary>Whether user <paramref name="number"/> (1-based) has the two aliases.</summary>
    public static bool HasAliases(int number) => number % 4 == 0;

    /// <summary>
    /// Replaces the displayName of <paramref name="count"/> users spread evenly over the directory, as the rootdn, so
    /// that their modifyTimestamp moves and a sync sees exactly them as changed. Every call writes new values.
    /// Returns the DNs it changed.
    /// </summary>
    public Task<IReadOnlyList<string>> ModifyUsersAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, users);
        var round = Interlocked.Increment(ref _modifications);
        return Task.Run<IReadOnlyList<string>>(() =>
        {
            using var admin = BenchSlapd.Connect(port);
            admin.Bind(new NetworkCredential(AdminDn, adminPassword));
            var changed = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var number = 1 + (int)((long)i * users / count);
                var dn = UserDn(number);
                admin.SendRequest(new ModifyRequest(dn, DirectoryAttributeOperation.Replace, "displayName",
                    $"Bench User {number:D6} (change {round})"));
                changed.Add(dn);
            }

            return changed;
        }, cancellationToken);
    }
}

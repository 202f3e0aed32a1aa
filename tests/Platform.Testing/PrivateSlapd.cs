using System.Diagnostics;
using System.Globalization;

namespace Platform.Testing;

/// <summary>
/// A slapd of the test's own in a temporary folder, on a free loopback port, with a configuration the shared one
/// cannot have (e.g. <c>allow bind_anon_dn bind_anon_cred</c>): the local directory's schema, StartTLS with the test
/// CA's server certificate, one database under <see cref="Suffix"/> whose root DN serves as the service account, and
/// the entries of <paramref name="ldif"/> loaded with <c>slapadd</c> before it starts. Ended by its own pid.
/// </summary>
public sealed class PrivateSlapd : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _folder;

    private PrivateSlapd(Process process, DirectoryInfo folder, string suffix, int port)
    {
        _process = process;
        _folder = folder;
        Suffix = suffix;
        Port = port;
    }

    public const string Host = "127.0.0.1";

    public int Port { get; }

    public string Suffix { get; }

    /// <summary>The database's root DN, with <see cref="AdminPassword"/>: the tests' service account.</summary>
    public string AdminDn => "cn=admin," + Suffix;

    public string AdminPassword => "private-admin-1";

    /// <param name="suffix">The database's suffix; its entry is created.</param>
    /// <param name="options">Global slapd.conf lines, e.g. <c>allow bind_anon_dn</c> or <c>security simple_bind=128</c>.</param>
    /// <param name="ldif">Entries to load under the suffix (plain LDIF, no changetype).</param>
    public static async Task<PrivateSlapd> StartAsync(string suffix, string options = "", string ldif = "")
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("private-slapd-");
        try
        {
            var tls = Path.GetDirectoryName(Infrastructure.Get("Ldap:CaCertificatePath"))!;
            var schema = Path.Combine(RepositoryRoot.Path, "infra", "ldap", "platform.schema");
            System.IO.Directory.CreateDirectory(Path.Combine(folder.FullName, "db"));
            var config = Path.Combine(folder.FullName, "slapd.conf");
            await File.WriteAllTextAsync(config, $"""
                include         /etc/ldap/schema/core.schema
                include         /etc/ldap/schema/cosine.schema
                include         /etc/ldap/schema/nis.schema
                include         /etc/ldap/schema/inetorgperson.schema
                include         {schema}
                pidfile         {folder.FullName}/slapd.pid
                modulepath      /usr/lib/ldap
                moduleload      back_mdb
                TLSCACertificateFile    {tls}/ca.pem
                TLSCertificateFile      {tls}/server.pem
                TLSCertificateKeyFile   {tls}/server.key
                {options}
                database        mdb
                suffix          "{suffix}"
                rootdn          "cn=admin,{suffix}"
                rootpw          private-admin-1
                directory       {folder.FullName}/db
                """);
            var rdn = suffix.Split(',')[0].Split('=');
            var entries = Path.Combine(folder.FullName, "entries.ldif");
            await File.WriteAllTextAsync(entries, $"dn: {suffix}\nobjectClass: top\nobjectClass: organization\n{rdn[0]}: {rdn[1]}\n\n{ldif}\n");
            var loaded = await Shell.Run("/usr/sbin/slapadd", ["-q", "-f", config, "-l", entries]);
            if (loaded.ExitCode != 0)
            {
                throw new InvalidOperationException("slapadd failed: " + loaded.Error);
            }

            var port = Shell.FreePort();
            var start = new ProcessStartInfo("/usr/sbin/slapd", ["-d", "0", "-f", config, "-h", $"ldap://{Host}:{port.ToString(CultureInfo.InvariantCulture)}/"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            var server = new PrivateSlapd(Process.Start(start)!, folder, suffix, port);
            await server.WaitUntilListeningAsync();
            return server;
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>An inetOrgPerson entry under the suffix with a uid, mail and a plain-text password, as LDIF.</summary>
    public static string Person(string suffix, string uid, string mail, string password) => $"""
        dn: uid={uid},{suffix}
        objectClass: inetOrgPerson
        uid: {uid}
        cn: {uid}
        sn: {uid}
        mail: {mail}
        userPassword: {password}


        """;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Delete(recursive: true);
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Shell.Listening(Port))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                var error = _process.HasExited ? await _process.StandardError.ReadToEndAsync() : "not listening after 20 s";
                await DisposeAsync();
                throw new InvalidOperationException("The private slapd did not start: " + error);
            }

            await Task.Delay(50);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Platform.Testing;

namespace Platform.Directory.Tests.Fixtures;

/// <summary>
/// A private slapd of the test's own, on a free loopback port, that refuses simple binds without TLS
/// (<c>security simple_bind=128</c>: LDAP result 13, confidentialityRequired) and offers StartTLS with the local CA's
/// server certificate. The shared slapd cannot do this per subtree without cn=config, so the test runs its own.
/// </summary>
internal sealed class StrictSlapd : IAsyncDisposable
{
    public const string Suffix = "o=strict";
    public const string AdminDn = "cn=admin,o=strict";
    public const string AdminPassword = "strict-admin-1";

    private readonly Process _process;
    private readonly DirectoryInfo _folder;

    private StrictSlapd(Process process, DirectoryInfo folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public static async Task<StrictSlapd> StartAsync()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("strict-slapd-");
        var tls = Path.GetDirectoryName(Infrastructure.Get("Ldap:CaCertificatePath"))!;
        var port = Listeners.FreePort();
        System.IO.Directory.CreateDirectory(Path.Combine(folder.FullName, "db"));
        var config = Path.Combine(folder.FullName, "slapd.conf");
        await File.WriteAllTextAsync(config, $"""
            include         /etc/ldap/schema/core.schema
            pidfile         {folder.FullName}/slapd.pid
            modulepath      /usr/lib/ldap
            moduleload      back_mdb
            TLSCACertificateFile    {tls}/ca.pem
            TLSCertificateFile      {tls}/server.pem
            TLSCertificateKeyFile   {tls}/server.key
            security        simple_bind=128
            database        mdb
            suffix          "{Suffix}"
            rootdn          "{AdminDn}"
            rootpw          {AdminPassword}
            directory       {folder.FullName}/db
            """);
        var start = new ProcessStartInfo("/usr/sbin/slapd", ["-d", "0", "-f", config, "-h", $"ldap://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        var server = new StrictSlapd(process, folder, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await ListeningAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "not listening after 10 s";
                await server.DisposeAsync();
                throw new InvalidOperationException("The private slapd did not start: " + error);
            }

            await Task.Delay(50);
        }

        return server;
    }

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

    private static async Task<bool> ListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

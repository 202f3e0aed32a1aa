using System.Collections.Concurrent;
using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Platform.Bench.Sync;

/// <summary>
/// A slapd of the benchmark's own, in a temporary folder: the LDIF is generated, loaded offline with
/// <c>slapadd -q</c> and served on a free loopback port, with the schema, size limits, ACLs, indexes and TLS files of
/// the local one (infra/lib/ldap.sh), so that the shared directory never holds 100,000 bench users. Disposing stops
/// slapd by its pid and deletes the folder; nothing is cached between runs.
/// </summary>
internal sealed class BenchSlapd : IAsyncDisposable
{
    private const string Slapd = "/usr/sbin/slapd";
    private const string Slapadd = "/usr/sbin/slapadd";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly DirectoryInfo _folder;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _slapd;

    private BenchSlapd(DirectoryInfo folder) => _folder = folder;

    public BenchDirectory Directory { get; private set; } = null!;

    /// <summary>How long each step of building took.</summary>
    public (TimeSpan Ldif, TimeSpan Load, TimeSpan Start) Timings { get; private set; }

    public int Pid => _slapd?.Id ?? 0;

    public static async Task<BenchSlapd> StartAsync(int users, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var caPath = Environment.GetEnvironmentVariable("Ldap__CaCertificatePath")
            ?? throw new InvalidOperationException("Ldap__CaCertificatePath is not set: run through './platform bench', which loads .platform/env.");
        var tls = Path.GetDirectoryName(caPath)!;
        var slapd = new BenchSlapd(System.IO.Directory.CreateTempSubdirectory("platform-bench-sync-"));
        try
        {
            await slapd.BuildAsync(root, caPath, tls, users, cancellationToken);
            return slapd;
        }
        catch
        {
            await slapd.DisposeAsync();
            throw;
        }
    }

    /// <summary>A plain LDAPv3 connection to the bench slapd, not yet bound.</summary>
    internal static LdapConnection Connect(int port)
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier(BenchDirectory.Host, port, fullyQualifiedDnsHostName: false, connectionless: false))
        {
            AutoBind = false,
            AuthType = AuthType.Basic,
            Timeout = TimeSpan.FromSeconds(30),
        };
        connection.SessionOptions.ProtocolVersion = 3;
        connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_slapd is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                await Console.Error.WriteLineAsync($"bench slapd (pid {process.Id}) did not stop: {e.Message}");
            }

            process.Dispose();
            _slapd = null;
        }

        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"could not delete {_folder.FullName}: {e.Message}");
        }
    }

    private async Task BuildAsync(string root, string caPath, string tls, int users, CancellationToken cancellationToken)
    {
        var servicePassword = RandomNumberGenerator.GetHexString(24, lowercase: true);
        var adminPassword = RandomNumberGenerator.GetHexString(24, lowercase: true);
        var caPem = await File.ReadAllTextAsync(caPath, cancellationToken);
        var caDirectory = _folder.CreateSubdirectory("ca").FullName;
        await File.WriteAllTextAsync(Path.Combine(caDirectory, "ca.pem"), caPem, cancellationToken);
        var database = _folder.CreateSubdirectory("db").FullName;
        var conf = Path.Combine(_folder.FullName, "slapd.conf");
        await File.WriteAllTextAsync(conf, Configuration(root, tls, database, adminPassword), cancellationToken);

        var watch = Stopwatch.StartNew();
        var ldif = Path.Combine(_folder.FullName, "bench.ldif");
        await BenchLdif.WriteAsync(ldif, users, servicePassword, cancellationToken);
        var ldifTime = watch.Elapsed;

        watch.Restart();
        await RunToEndAsync(Slapadd, ["-q", "-f", conf, "-b", BenchDirectory.SuffixDn, "-l", ldif], cancellationToken);
        var loadTime = watch.Elapsed;
        File.Delete(ldif);

        watch.Restart();
        var port = FreePort();
        _slapd = Launch(conf, port);
        await WaitUntilAnsweringAsync(port, cancellationToken);
        Timings = (ldifTime, loadTime, watch.Elapsed);
        Directory = new BenchDirectory(port, users, caPem, caDirectory, servicePassword, adminPassword);
    }

    // The global and database sections of infra/lib/ldap.sh's slapd.conf, with one database for the bench suffix.
    private string Configuration(string root, string tls, string database, string adminPassword) => $"""
        # Generated by bench/Platform.Bench/Sync/BenchSlapd.cs for one run; deleted with its folder.
        include         /etc/ldap/schema/core.schema
        include         /etc/ldap/schema/cosine.schema
        include         /etc/ldap/schema/nis.schema
        include         /etc/ldap/schema/inetorgperson.schema
        include         {root}/infra/ldap/platform.schema

        pidfile         {_folder.FullName}/slapd.pid
        argsfile        {_folder.FullName}/slapd.args
        modulepath      /usr/lib/ldap
        moduleload      back_mdb

        TLSCACertificateFile    {tls}/ca.pem
        TLSCertificateFile      {tls}/server.pem
        TLSCertificateKeyFile   {tls}/server.key
        TLSProtocolMin          3.3

        include         {root}/infra/ldap/limits-and-access.conf

        database        mdb
        suffix          "{BenchDirectory.SuffixDn}"
        rootdn          "{BenchDirectory.AdminDn}"
        rootpw          {BenchLdif.Ssha(adminPassword)}
        directory       {database}
        maxsize         4294967296
        include         {root}/infra/ldap/database.conf

        """;

    private static async Task RunToEndAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await errors}{await output}");
        }
    }

    private Process Launch(string conf, int port)
    {
        // -d 0: stay in the foreground, so the pid is slapd's own and stopping it is ours to do.
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(Slapd, ["-d", "0", "-f", conf, "-h", $"ldap://{BenchDirectory.Host}:{port}/"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 40 && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilAnsweringAsync(int port, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_slapd!.HasExited)
            {
                throw new InvalidOperationException($"slapd exited ({_slapd.ExitCode}) on start: {string.Join('\n', _output)}");
            }

            try
            {
                using var connection = Connect(port);
                connection.Timeout = TimeSpan.FromSeconds(2);
                connection.AuthType = AuthType.Anonymous;
                connection.Bind();
                connection.SendRequest(new SearchRequest("", "(objectClass=*)", SearchScope.Base, "namingContexts"));
                return;
            }
            catch (DirectoryException e)
            {
                if (deadline.Elapsed > StartTimeout)
                {
                    throw new InvalidOperationException($"slapd did not answer on port {port} within {StartTimeout.TotalSeconds:0} s: {e.Message}", e);
                }

                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "infra", "ldap", "limits-and-access.conf")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No infra/ldap/limits-and-access.conf above {AppContext.BaseDirectory}.");
    }
}

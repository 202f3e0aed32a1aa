using System.Diagnostics;

namespace Platform.Testing;

/// <summary>
/// An SMTP sink of the test's own (infra/smtp/sink.py on a free port, its own mail folder), which the test can stop
/// and start again on the same port — to be the relay that goes away. The shared sink is never touched.
/// </summary>
public sealed class PrivateSmtpSink : IAsyncDisposable
{
    private Process? _process;

    private readonly string[] _options;
    private readonly List<string> _output = [];

    private PrivateSmtpSink(string folder, int port, string[] options)
    {
        Folder = folder;
        Port = port;
        _options = options;
    }

    public int Port { get; }

    public string Folder { get; }

    public string MailDir => Path.Combine(Folder, "mail");

    /// <summary>Where a file named after a domain lists its mailboxes; the sink refuses other addresses of that domain.</summary>
    public string MailboxDir => Path.Combine(Folder, "mailboxes");

    /// <summary>What the sink has printed so far (a line for each refused recipient, each stored message).</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>The test CA's server certificate (for localhost and 127.0.0.1), which <see cref="StartTls"/> offers.</summary>
    public static string CaCertificateFile => Infrastructure.Get("Ldap:CaCertificatePath");

    /// <param name="startTls">Offer STARTTLS with the test CA's server certificate (.platform/tls); <c>required</c> refuses MAIL before it.</param>
    /// <param name="auth">Require AUTH (PLAIN or LOGIN) with this user name and password.</param>
    /// <param name="authMechanisms">The AUTH mechanisms offered, comma-separated (the sink's default: PLAIN,LOGIN).</param>
    /// <param name="pipelining">Offer PIPELINING (the sink's default).</param>
    public static async Task<PrivateSmtpSink> StartAsync(
        StartTls startTls = StartTls.No, (string User, string Password)? auth = null, string authMechanisms = "PLAIN,LOGIN", bool pipelining = true)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("platform-sink-").FullName;
        // Mailbox lists as the shared sink has them: a file per domain in MailboxDir lists its addresses.
        var options = new List<string> { "--mailbox-dir", Path.Combine(folder, "mailboxes") };
        options.AddRange(pipelining ? [] : ["--no-pipelining"]);
        if (startTls != StartTls.No)
        {
            var tls = Path.GetDirectoryName(CaCertificateFile)!;
            options.AddRange(["--tls-cert", Path.Combine(tls, "server.pem"), "--tls-key", Path.Combine(tls, "server.key")]);
            options.AddRange(startTls == StartTls.Required ? ["--require-tls"] : []);
        }

        if (auth is var (user, password))
        {
            // In a file, so the password is not on the sink's command line.
            var file = Path.Combine(folder, "auth-password");
            await File.WriteAllTextAsync(file, password);
            options.AddRange(["--auth-user", user, "--auth-password-file", file, "--auth-mechanisms", authMechanisms]);
        }

        var sink = new PrivateSmtpSink(folder, Shell.FreePort(), [.. options]);
        await sink.StartAgainAsync();
        return sink;
    }

    public enum StartTls { No, Offered, Required }

    /// <summary>Starts the sink (again) on its port and waits until it greets.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-I", "-u", Path.Combine(RepositoryRoot.Path, "infra", "smtp", "sink.py"), "--host", "127.0.0.1", "--port", $"{Port}",
                "--maildir", MailDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var option in _options)
        {
            start.ArgumentList.Add(option);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                lock (_output)
                {
                    _output.Add(text);
                }
            }
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.Get(() => Task.FromResult(Shell.Listening(Port)), listening => listening || _process.HasExited, TimeSpan.FromSeconds(15));
        if (!Shell.Listening(Port))
        {
            throw new InvalidOperationException($"The private SMTP sink did not listen on {Port}.");
        }
    }

    /// <summary>Stops the sink (the process this started, by its pid): connections are refused until it starts again.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } running)
        {
            running.Kill();
            await running.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        System.IO.Directory.Delete(Folder, recursive: true);
    }
}

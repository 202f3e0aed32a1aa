using System.Diagnostics;

namespace Platform.Testing;

/// <summary>
/// An SMTP sink of the test's own (infra/smtp/sink.py on a free port, its own mail folder), which the test can stop
/// and start again on the same port — to be the relay that goes away. The shared sink is never touched.
/// </summary>
public sealed class PrivateSmtpSink : IAsyncDisposable
{
    private Process? _process;

    private PrivateSmtpSink(string folder, int port)
    {
        Folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Folder { get; }

    public string MailDir => Path.Combine(Folder, "mail");

    public static async Task<PrivateSmtpSink> StartAsync()
    {
        var sink = new PrivateSmtpSink(System.IO.Directory.CreateTempSubdirectory("platform-sink-").FullName, Shell.FreePort());
        await sink.StartAgainAsync();
        return sink;
    }

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
        _process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        _process.OutputDataReceived += (_, _) => { };
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

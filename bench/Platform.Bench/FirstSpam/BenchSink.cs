using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Platform.Bench.FirstSpam;

/// <summary>
/// The project's SMTP sink (infra/smtp/sink.py), started by the benchmark on a free port with a mail folder of its
/// own (removed at the end), so the shared sink and its folder are untouched.
/// </summary>
internal sealed class BenchSink : IAsyncDisposable
{
    private readonly Process _process;

    private BenchSink(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    public static async Task<BenchSink> StartAsync()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("platform-bench-sink-").FullName;
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var root = FindRoot();
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-I", "-u", Path.Combine(root, "infra", "smtp", "sink.py"), "--host", "127.0.0.1", "--port", $"{port}", "--maildir", folder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new BenchmarkInvalidException("the SMTP sink did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var sink = new BenchSink(process, port, folder);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return sink;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await sink.DisposeAsync();
        throw new BenchmarkInvalidException("the SMTP sink never listened");
    }

    /// <summary>How many mails the sink has stored.</summary>
    public int Count() => System.IO.Directory.EnumerateFiles(Folder, "*.eml").Count();

    /// <summary>How many mails each recipient got.</summary>
    public Dictionary<string, int> PerRecipient()
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in System.IO.Directory.EnumerateFiles(Folder, "*.json"))
        {
            foreach (var recipient in JsonNode.Parse(File.ReadAllText(file))!["rcpt_tos"]!.AsArray())
            {
                var address = recipient!.GetValue<string>();
                counts[address] = counts.GetValueOrDefault(address) + 1;
            }
        }

        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        System.IO.Directory.Delete(Folder, recursive: true);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new BenchmarkInvalidException("the repository root (Platform.sln) was not found above the benchmark");
    }
}

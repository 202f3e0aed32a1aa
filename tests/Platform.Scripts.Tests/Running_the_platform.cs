using System.Diagnostics;
using System.Net;
using Platform.Testing;
using Xunit;

namespace Platform.Scripts.Tests;

public sealed class Running_the_platform
{
    [Fact]
    public async Task Starts_the_panel_and_four_ready_services_and_Ctrl_C_leaves_nothing_behind()
    {
        // The panel on the port below the base one, the four services from it.
        var basePort = FreePortRange(5) + 1;
        using var up = StartUp(basePort);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        up.OutputDataReceived += (_, e) => Collect(e.Data);
        up.ErrorDataReceived += (_, e) => Collect(e.Data);
        up.BeginOutputReadLine();
        up.BeginErrorReadLine();

        await running.Task.WaitAsync(TimeSpan.FromMinutes(3));
        var services = ChildProcesses(up.Id).Where(pid => CommandLine(pid).Contains("artifacts/bin/Platform.", StringComparison.Ordinal)).ToList();
        using var http = new HttpClient();
        foreach (var port in Enumerable.Range(basePort - 1, 5))
        {
            var ready = await http.GetAsync($"http://127.0.0.1:{port}/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        Interrupt(up.Id);
        await up.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(0, up.ExitCode);
        Assert.Equal(5, services.Count);
        Assert.All(services, pid => Assert.False(IsAlive(pid), $"service process {pid} still runs"));
        Assert.All(Enumerable.Range(basePort - 1, 5), port => Assert.False(Shell.Listening(port), $"port {port} still listens"));
        // It found the infrastructure running, so it must leave it running.
        Assert.True(Shell.Listening(int.Parse(Infrastructure.Get("RabbitMq:Port"), System.Globalization.CultureInfo.InvariantCulture)));

        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            if (line.Contains("Platform is running.", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        }
    }

    private static Process StartUp(int basePort)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "platform"), "up")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.Environment["PLATFORM_BASE_PORT"] = basePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PLATFORM_NO_BUILD"] = "1";
        start.Environment["PLATFORM_CONFIGURATION"] = "Debug";
        return Process.Start(start)!;
    }

    /// <summary>What Ctrl-C sends; .NET's Process API only kills.</summary>
    private static void Interrupt(int pid)
    {
        using var kill = Process.Start("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static List<int> ChildProcesses(int parent) =>
        [.. System.IO.Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(int.Parse!)
            .Where(pid => ParentOf(pid) == parent)];

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The first of <paramref name="count"/> consecutive free loopback ports above the documented ones.</summary>
    private static int FreePortRange(int count)
    {
        for (var start = 18081 + Random.Shared.Next(0, 500) * 4; start < 28000; start += count)
        {
            if (Enumerable.Range(start, count).All(p => !Shell.Listening(p)))
            {
                return start;
            }
        }

        throw new InvalidOperationException("No free port range.");
    }
}

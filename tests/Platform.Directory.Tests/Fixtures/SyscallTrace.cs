using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Platform.Directory.Tests.Fixtures;

/// <summary>
/// strace attached to this test process, recording the network system calls (connect, sendto, sendmsg, sendmmsg)
/// of all its threads: to prove that nothing was sent to an address off this machine.
/// </summary>
internal sealed partial class SyscallTrace : IAsyncDisposable
{
    private readonly Process _strace;
    private readonly string _output;

    private SyscallTrace(Process strace, string output)
    {
        _strace = strace;
        _output = output;
    }

    /// <summary>Attached and tracing, or null when strace is not installed or may not attach (ptrace restricted).</summary>
    public static async Task<SyscallTrace?> StartAsync()
    {
        if (!File.Exists("/usr/bin/strace"))
        {
            return null;
        }

        var output = Path.Combine(Path.GetTempPath(), $"strace-{Guid.NewGuid():N}.txt");
        var strace = Process.Start(new ProcessStartInfo(
            "/usr/bin/strace",
            ["-f", "-p", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "-e", "trace=connect,sendto,sendmsg,sendmmsg", "-o", output])
        {
            RedirectStandardError = true,
        })!;
        var attached = strace.StandardError.ReadLineAsync();
        if (await Task.WhenAny(attached, Task.Delay(TimeSpan.FromSeconds(15))) != attached || attached.Result?.Contains("attached", StringComparison.Ordinal) != true)
        {
            if (!strace.HasExited)
            {
                strace.Kill();
            }

            await strace.WaitForExitAsync();
            strace.Dispose();
            File.Delete(output);
            return null;
        }

        _ = strace.StandardError.ReadToEndAsync();
        return new SyscallTrace(strace, output);
    }

    /// <summary>Detaches and returns every IPv4/IPv6 address the process connected or sent to meanwhile.</summary>
    public async Task<IReadOnlyList<IPAddress>> StopAsync()
    {
        // SIGINT makes strace detach cleanly, leaving the test process running.
        using (var interrupt = Process.Start("kill", ["-INT", _strace.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        await _strace.WaitForExitAsync();
        var lines = await File.ReadAllLinesAsync(_output);
        return lines.SelectMany(l => Address().Matches(l)).Select(m => IPAddress.Parse(m.Groups["address"].Value)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_strace.HasExited)
        {
            _strace.Kill();
            await _strace.WaitForExitAsync();
        }

        _strace.Dispose();
        File.Delete(_output);
    }

    [GeneratedRegex("""inet_addr\("(?<address>[0-9.]+)"\)|inet_pton\(AF_INET6?, "(?<address>[0-9a-fA-F:.]+)"\)""")]
    private static partial Regex Address();
}

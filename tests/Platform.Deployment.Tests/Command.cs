using Platform.Testing;
using System.Diagnostics;

namespace Platform.Deployment.Tests;

/// <summary>A program run to completion from the repository root, its output (stdout and stderr) collected.</summary>
internal static class Command
{
    /// <param name="environment">Variables to set for the program; a null value removes the variable.</param>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var (exitCode, stdout, stderr) = await RunSeparatelyAsync(executable, arguments, environment);
        return (exitCode, stdout + stderr);
    }

    /// <summary>The same, with the program's standard output and standard error apart (e.g. YAML on one, notes on the other).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunSeparatelyAsync(
        string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var command = $"{executable} {string.Join(' ', start.ArgumentList)}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within 60 s.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}

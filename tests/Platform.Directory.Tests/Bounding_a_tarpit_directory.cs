using System.Diagnostics;
using System.Globalization;
using Platform.Directory.Failures;
using Platform.Directory.Settings;
using Platform.Directory.Tests.Fixtures;
using Xunit;

namespace Platform.Directory.Tests;

/// <summary>Alone, so that other tests' threads and sockets do not blur the counts.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCounts
{
    public const string Name = "Process counts";
}

[Collection(ProcessCounts.Name)]
public sealed class Bounding_a_tarpit_directory
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(1);

    // connect + operation + the session's guard slack, and room for a busy machine.
    private static readonly TimeSpan OnTime = ConnectTimeout + OperationTimeout + TimeSpan.FromSeconds(1) + TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(DirectorySecurity.Ldaps)]
    [InlineData(DirectorySecurity.StartTls)]
    [InlineData(DirectorySecurity.None)]
    public async Task Ends_every_test_and_login_on_time_and_keeps_no_thread_or_socket(DirectorySecurity security)
    {
        await using var subtree = await TestSubtree.CreateAsync();
        using var tarpit = new SilentListener();
        using var factory = LocalLdap.Factory();
        var settings = subtree.Settings(security: security) with { Port = tarpit.Port, ConnectTimeout = ConnectTimeout, OperationTimeout = OperationTimeout };
        var client = factory.Create(settings);
        // A login without a service account goes straight to the user bind, through libldap.
        var logins = factory.Create(settings with { BindDn = null, BindPassword = null, UserBindTemplate = "uid={login}," + subtree.Dn });
        var threads = OwnThreads();

        var tests = Enumerable.Range(0, 20).Select(async _ =>
        {
            var clock = Stopwatch.StartNew();
            var report = await client.TestConnectionAsync();
            return (report.Failure?.Code, clock.Elapsed);
        });
        var passwordChecks = Enumerable.Range(0, 4).Select(async _ =>
        {
            var clock = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<DirectoryFailureException>(() => logins.VerifyPasswordAsync("alice", "password-1"));
            return (Code: (string?)error.Code, clock.Elapsed);
        });
        var results = await Task.WhenAll(tests.Concat(passwordChecks));

        Assert.All(results, r => Assert.Equal(DirectoryFailureCodes.Timeout, r.Code));
        Assert.All(results, r => Assert.InRange(r.Elapsed, TimeSpan.Zero, OnTime));
        Assert.True(tarpit.Accepted >= 20, $"{tarpit.Accepted} connections reached the tarpit");
        // The tarpit still holds its end open: our ends must be closed all the same, and libldap's threads gone.
        var settled = Stopwatch.StartNew();
        while ((OpenSocketsTo(tarpit.Port) > 0 || OwnThreads() > threads + 2) && settled.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, OpenSocketsTo(tarpit.Port));
        Assert.InRange(OwnThreads(), 0, threads + 2);
    }

    /// <summary>Threads of this process outside the thread pool (a call into libldap runs on a thread of its own).</summary>
    private static int OwnThreads()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count - ThreadPool.ThreadCount;
    }

    /// <summary>
    /// This process's TCP sockets connected to <paramref name="port"/> and still open (/proc/net/tcp lists a closed
    /// socket lingering in the kernel with inode 0).
    /// </summary>
    private static int OpenSocketsTo(int port)
    {
        var remote = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        var ownInodes = new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Select(f => f.LinkTarget)
            .OfType<string>()
            .Where(t => t.StartsWith("socket:[", StringComparison.Ordinal))
            .Select(t => t["socket:[".Length..^1])
            .ToHashSet(StringComparer.Ordinal);
        return new[] { "/proc/self/net/tcp", "/proc/self/net/tcp6" }
            .Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(f => f.Length > 9 && f[2].EndsWith(remote, StringComparison.Ordinal) && ownInodes.Contains(f[9]));
    }
}

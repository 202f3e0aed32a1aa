using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Platform.Directory;
using Platform.Directory.Search;

namespace Platform.Bench.Sync;

/// <summary>
/// <c>./platform bench sync [users]</c>: builds a private directory of 100,000 users (<see cref="BenchSlapd"/>), then
/// measures in the same run a raw paged search of it (the baseline), the same read through our directory library,
/// and — through <see cref="SyncRun"/> — the initial import and an unchanged re-sync. Last line:
/// <c>sync: raw &lt;s&gt;s import &lt;s&gt;s (&lt;n&gt; users/s) resync &lt;s&gt;s ratio &lt;resync/raw&gt;</c>.
/// </summary>
internal static class SyncBenchmark
{
    public const int DefaultUsers = 100_000;

    public static async Task<int> RunAsync(string[] args, SyncRun? run)
    {
        if (!TryParseUsers(args, out var users))
        {
            await Console.Error.WriteLineAsync($"usage: Platform.Bench sync [users]   (default {DefaultUsers})");
            return 2;
        }

        // Ctrl-C or a TERM must still stop slapd and delete its folder: cancel instead of dying.
        using var cancel = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            return await RunAsync(users, run, cancel.Token);
        }
        catch (Exception) when (cancel.IsCancellationRequested)
        {
            // Ctrl-C reaches slapd too (same process group), so an interrupted read may fail rather than cancel.
            await Console.Error.WriteLineAsync("sync benchmark cancelled; its slapd is stopped and its folder deleted.");
            return 130;
        }
        catch (BenchmarkInvalidException e)
        {
            await Console.Error.WriteLineAsync("sync benchmark invalid: " + e.Message);
            return 1;
        }
    }

    private static async Task<int> RunAsync(int users, SyncRun? run, CancellationToken cancellationToken)
    {
        Console.WriteLine($"sync benchmark: {Environment.ProcessorCount} cores, building a directory of {users} users…");
        var watch = Stopwatch.StartNew();
        await using var slapd = await BenchSlapd.StartAsync(users, cancellationToken);
        var directory = slapd.Directory;
        var (ldif, load, start) = slapd.Timings;
        Console.WriteLine(
            $"directory built in {Seconds(watch.Elapsed)}s (LDIF {Seconds(ldif)}s, slapadd -q {Seconds(load)}s, slapd answering {Seconds(start)}s): " +
            $"{users} users ({directory.UsersWithAliases} with 2 aliases) under {BenchDirectory.BaseDn}, " +
            $"ldap://{BenchDirectory.Host}:{directory.Port} with StartTLS, slapd pid {slapd.Pid}");

        // Alternate raw and library twice and keep each side's best, so neither profits from running second.
        var (raw, library) = (TimeSpan.MaxValue, TimeSpan.MaxValue);
        for (var round = 0; round < 2; round++)
        {
            var baseline = await Task.Run(() => RawPagedSearch.Run(directory, cancellationToken), cancellationToken);
            Require("the raw paged search", baseline.Entries, 0, users);
            raw = Min(raw, baseline.Elapsed);

            var ours = await ReadThroughLibraryAsync(directory, cancellationToken);
            Require("DirectoryClient.GetUsersAsync", ours.Users, ours.Problems, users);
            library = Min(library, ours.Elapsed);
        }

        var attributes = string.Join(',', directory.Settings.Mapping.AttributesToRead(directory.Settings.LoginAttribute));
        Console.WriteLine($"raw paged search (S.DS.P, pages of 1000, {attributes}): {users} entries in {Seconds(raw)}s ({Rate(users, raw)}/s), best of 2");
        Console.WriteLine(
            $"library read (DirectoryClient.GetUsersAsync, mapped): {users} users in {Seconds(library)}s ({Rate(users, library)}/s), " +
            $"ratio {Measure.Ratio(library / raw)} to raw, best of 2");

        if (run is null)
        {
            Console.WriteLine($"sync: raw {Seconds(raw)}s library {Seconds(library)}s (import and resync not wired yet)");
            return 0;
        }

        var figures = await run(directory, cancellationToken);
        if (figures.ImportedUsers != users)
        {
            throw new BenchmarkInvalidException($"the import recorded {figures.ImportedUsers} users; the directory has {users}.");
        }

        var ceiling = await MartenCeiling.UsersPerSecondAsync(BenchSettings.FromEnvironment(), users);
        var resyncRatio = Measure.Ratio(figures.Resync / raw);
        var rounds = figures.Rounds.Count > 1 ? $", best of {figures.Rounds.Count}" : "";
        Console.WriteLine(
            $"import: {users} users in {Seconds(figures.Import)}s ({Rate(users, figures.Import)} users/s; target >= 10000/s){rounds}" +
            RoundList(figures.Rounds.Select(r => r.Import)));
        Console.WriteLine(
            $"marten alone, the streams an import starts ({users} users x 1 new stream of one event, 1 per 1000 users, sessions of 1000, 2 at once): " +
            $"{Measure.Format(ceiling)} users/s — the import's ceiling on this model (ratio {Measure.Ratio(users / figures.Import.TotalSeconds / ceiling)})");
        Console.WriteLine(
            $"re-sync, nothing changed: {Seconds(figures.Resync)}s, ratio {resyncRatio} to raw (target <= 2){rounds}" +
            RoundList(figures.Rounds.Select(r => r.Resync)));
        Console.WriteLine(
            $"peak memory: {PeakWorkingSet.Megabytes(figures.PeakWorkingSet)} MB working set (target < 400 MB; VmHWM of the bench process, reset before each sync)" +
            $" (rounds: import/re-sync {string.Join(", ", figures.Rounds.Select((r, i) => $"{PeakWorkingSet.Megabytes(r.ImportPeak)}/{PeakWorkingSet.Megabytes(r.ResyncPeak)} MB" +
                $" from {PeakWorkingSet.Megabytes(r.StartingWorkingSet)} MB" + (i == 0 ? " cold" : "")))})");
        Console.WriteLine(
            $"sync: raw {Seconds(raw)}s import {Seconds(figures.Import)}s ({Rate(users, figures.Import)} users/s) " +
            $"resync {Seconds(figures.Resync)}s ratio {resyncRatio}");
        return 0;
    }

    /// <summary>Each round's time, the first in a process that had not run the code before: " (rounds: 12.10s cold, 9.80s)".</summary>
    private static string RoundList(IEnumerable<TimeSpan> rounds)
    {
        var times = rounds.Select((t, i) => Seconds(t) + "s" + (i == 0 ? " cold" : "")).ToList();
        return times.Count > 1 ? $" (rounds: {string.Join(", ", times)})" : "";
    }

    private static async Task<(int Users, int Problems, TimeSpan Elapsed)> ReadThroughLibraryAsync(BenchDirectory directory, CancellationToken cancellationToken)
    {
        // A new factory each time: like the raw search, every read connects, starts TLS and binds.
        var watch = Stopwatch.StartNew();
        using var factory = new DirectoryClientFactory(new DirectoryClientOptions(), egress: BenchEgress.Loopback);
        var client = factory.Create(directory.Settings);
        var (users, problems) = (0, 0);
        await foreach (var entry in client.GetUsersAsync(cancellationToken))
        {
            if (entry is DirectoryUser)
            {
                users++;
            }
            else
            {
                problems++;
            }
        }

        return (users, problems, watch.Elapsed);
    }

    private static void Require(string what, int users, int problems, int expected)
    {
        if (users != expected || problems != 0)
        {
            throw new BenchmarkInvalidException($"{what} returned {users} users and {problems} unusable entries; the directory has {expected} users.");
        }
    }

    private static bool TryParseUsers(string[] args, out int users)
    {
        users = DefaultUsers;
        return args.Length switch
        {
            0 => true,
            1 => int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out users) && users > 0,
            _ => false,
        };
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);

    private static string Rate(int count, TimeSpan time) => Measure.Format(count / time.TotalSeconds);
}

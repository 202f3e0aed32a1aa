using System.Globalization;

namespace Platform.Bench;

/// <summary>
/// CPU time spent by groups of processes (this one, a server by pid, every PostgreSQL backend, RabbitMQ's Erlang VM)
/// between two readings, from <c>/proc/&lt;pid&gt;/stat</c>: where a benchmark's time goes, less blurred by other load
/// on the machine than a rate is.
/// </summary>
internal sealed class CpuMeter(IReadOnlyDictionary<string, Func<string, int, bool>> groups)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The bench itself, PostgreSQL, RabbitMQ, and <paramref name="others"/> by pid.</summary>
    public static CpuMeter ForBench(params (string Name, int Pid)[] others)
    {
        var self = Environment.ProcessId;
        var groups = new Dictionary<string, Func<string, int, bool>>
        {
            ["bench"] = (_, pid) => pid == self,
            ["postgres"] = (command, _) => command == "postgres",
            ["rabbitmq"] = (command, _) => command == "beam.smp",
        };
        foreach (var (name, pid) in others)
        {
            groups[name] = (_, p) => p == pid;
        }

        return new CpuMeter(groups);
    }

    /// <summary>CPU seconds so far per group (processes that ended meanwhile are not counted).</summary>
    public Dictionary<string, double> Read()
    {
        var totals = groups.Keys.ToDictionary(k => k, _ => 0.0);
        if (!OperatingSystem.IsLinux())
        {
            return totals;
        }

        foreach (var dir in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Stat(dir) is not var (command, seconds))
            {
                continue;
            }

            foreach (var (name, matches) in groups)
            {
                if (matches(command, pid))
                {
                    totals[name] += seconds;
                }
            }
        }

        return totals;
    }

    /// <summary>"bench 1.2 ms, postgres 0.8 ms, …": CPU per operation between two readings.</summary>
    public static string PerOperation(Dictionary<string, double> before, Dictionary<string, double> after, int operations) =>
        string.Join(", ", after.Select(a => $"{a.Key} {((a.Value - before[a.Key]) * 1000 / operations).ToString("F2", CultureInfo.InvariantCulture)} ms"));

    private static (string Command, double Seconds)? Stat(string dir)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
            var close = stat.LastIndexOf(')');
            var command = stat[(stat.IndexOf('(') + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after "pid (comm)".
            return (command, (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

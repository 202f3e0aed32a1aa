using System.Globalization;
using System.Runtime;

namespace Platform.Bench.EventStore;

/// <summary>
/// The CPU each side of the benchmark costs per operation, the bench process and PostgreSQL apart, summed over its
/// rounds: where a side's time goes, which its rate alone does not say on a machine the two share.
/// </summary>
internal sealed class SideCpu
{
    private readonly CpuMeter _meter = CpuMeter.ForBench();
    private readonly Dictionary<string, (double Bench, double Postgres, int Operations, TimeSpan Jit)> _sides = [];

    public async Task<double> RateAsync(string side, int count, int clients, Func<int, Task> operation)
    {
        var (before, jit) = (_meter.Read(), JitInfo.GetCompilationTime());
        var rate = await Measure.RateAsync(count, clients, operation);
        var (after, jitAfter) = (_meter.Read(), JitInfo.GetCompilationTime());
        var (bench, postgres, operations, jitSoFar) = _sides.GetValueOrDefault(side);
        _sides[side] = (bench + after["bench"] - before["bench"], postgres + after["postgres"] - before["postgres"], operations + count,
            jitSoFar + jitAfter - jit);
        return rate;
    }

    /// <summary>"raw: bench 0.05 ms + postgres 0.10 ms (JIT 12 ms in all); ours: …".</summary>
    public override string ToString() => string.Join("; ", _sides.Select(s =>
        $"{s.Key}: bench {Ms(s.Value.Bench, s.Value.Operations)} ms + postgres {Ms(s.Value.Postgres, s.Value.Operations)} ms " +
        $"(JIT {s.Value.Jit.TotalMilliseconds:F0} ms in all)"));

    private static string Ms(double seconds, int operations) => (seconds * 1000 / operations).ToString("F3", CultureInfo.InvariantCulture);
}

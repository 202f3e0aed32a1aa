using System.Diagnostics;

namespace Platform.Bench;

internal static class Measure
{
    /// <summary>Runs <paramref name="operation"/> <paramref name="count"/> times over <paramref name="clients"/> concurrent workers; returns operations per second.</summary>
    public static async Task<double> RateAsync(int count, int clients, Func<int, Task> operation)
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await operation(i);
            }
        })));
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Like <see cref="RateAsync"/>, also timing each operation: the rate and the 50th and 99th percentile latency.</summary>
    public static async Task<(double Rate, TimeSpan P50, TimeSpan P99)> RateAndLatencyAsync(int count, int clients, Func<int, Task> operation)
    {
        var latencies = new long[count];
        var rate = await RateAsync(count, clients, async i =>
        {
            var started = Stopwatch.GetTimestamp();
            await operation(i);
            latencies[i] = Stopwatch.GetTimestamp() - started;
        });
        Array.Sort(latencies);
        return (rate, Stopwatch.GetElapsedTime(0, latencies[count / 2]), Stopwatch.GetElapsedTime(0, latencies[Math.Min(count - 1, count * 99 / 100)]));
    }

    public static string Milliseconds(TimeSpan value) => value.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);

    public static string Format(double value) => value.ToString("F0", System.Globalization.CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
}

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

    public static string Format(double value) => value.ToString("F0", System.Globalization.CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
}

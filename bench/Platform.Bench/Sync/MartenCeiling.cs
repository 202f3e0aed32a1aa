using System.Diagnostics;
using Platform.Bench.EventStore;

namespace Platform.Bench.Sync;

/// <summary>
/// What Marten alone can import on this model: each directory user starts a stream of one event (their address's
/// registry stream) and each thousand users one stream whose event lists them (the chunk's directory changes), a
/// session per thousand, two sessions at once as the import writes its chunks — no outbox, read model or directory
/// read around it. The import's ceiling.
/// </summary>
internal static class MartenCeiling
{
    private const int SessionSize = 1000;
    private const int ParallelSessions = 2;

    public static async Task<double> UsersPerSecondAsync(BenchSettings settings, int users)
    {
        var schema = "bench_ceiling_" + Guid.NewGuid().ToString("N")[..8];
        await using var data = settings.ServiceDataSource();
        await using var marten = await MartenAlone.CreateAsync(data, schema, quiet: true);
        try
        {
            await marten.StartStreamsAsync("warm", 0, SessionSize);
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, (users + SessionSize - 1) / SessionSize),
                new ParallelOptions { MaxDegreeOfParallelism = ParallelSessions },
                async (chunk, _) => await marten.StartStreamsAsync("user", chunk * SessionSize, Math.Min(SessionSize, users - chunk * SessionSize)));
            return users / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await marten.DropSchemaAsync();
        }
    }
}

using System.Diagnostics;
using Platform.Bench.EventStore;

namespace Platform.Bench.Sync;

/// <summary>
/// What Marten alone can import on this model: each directory user starts two streams of one event (their
/// directory-user stream and their address's registry stream), a thousand users to a session, two sessions at once
/// as the import writes its chunks — no outbox, read model or directory read around it. The import's ceiling.
/// </summary>
internal static class MartenCeiling
{
    private const int SessionSize = 1000;
    private const int ParallelSessions = 2;

    public static async Task<double> UsersPerSecondAsync(string connectionString, int users)
    {
        var schema = "bench_ceiling_" + Guid.NewGuid().ToString("N")[..8];
        await using var marten = await MartenAlone.CreateAsync(connectionString, schema, quiet: true);
        try
        {
            await marten.StartStreamsAsync("warm", 0, SessionSize, streamsPerItem: 2);
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, (users + SessionSize - 1) / SessionSize),
                new ParallelOptions { MaxDegreeOfParallelism = ParallelSessions },
                async (chunk, _) => await marten.StartStreamsAsync("user", chunk * SessionSize, Math.Min(SessionSize, users - chunk * SessionSize), streamsPerItem: 2));
            return users / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await marten.DropSchemaAsync();
        }
    }
}

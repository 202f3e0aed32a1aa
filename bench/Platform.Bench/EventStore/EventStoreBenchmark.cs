using System.Runtime;
using System.Text.Json;
using Npgsql;

namespace Platform.Bench.EventStore;

/// <summary>
/// Appends through our setup (Marten with the platform's options, each event committed with an outbox message,
/// concurrent commits grouped) against raw INSERTs of the same rows into equivalent tables and against Marten alone (a bare
/// lightweight session in a schema of its own), on the same database and settings, in the same run; then the outbox
/// relay's throughput to RabbitMQ.
/// </summary>
internal static class EventStoreBenchmark
{
    private const int Clients = 8;
    private const int SingleAppends = 20_000;
    private const int Batches = 400;
    private const int BatchSize = 100;

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..8];
        await using var dataSource = settings.ServiceDataSource();
        var martenSchema = schema + "_marten";
        try
        {
            Console.WriteLine($"eventstore benchmark: {Environment.ProcessorCount} cores, {Clients} concurrent clients, schema {schema}");
            await using var store = await OurSetup.CreateAsync(dataSource, schema);
            var raw = new RawEventTable(dataSource, schema);
            await raw.CreateAsync();
            await using var marten = await MartenAlone.CreateAsync(dataSource, martenSchema);
            await Warmup(store, raw, marten);
            var jitAtStart = JitInfo.GetCompilationTime();

            // Alternate the sides twice and keep each side's best run, so none profits from running later.
            var (ours, rawRate, martenRate) = (0.0, 0.0, 0.0);
            var cpu = new SideCpu();
            for (var round = 0; round < 2; round++)
            {
                rawRate = Math.Max(rawRate, await cpu.RateAsync("raw", SingleAppends, Clients,
                    i => raw.InsertAsync($"raw-{round}-{i}", Serialize(i))));
                ours = Math.Max(ours, await cpu.RateAsync("ours", SingleAppends, Clients, i => store.AppendOne($"ours-{round}-{i}", i)));
                martenRate = Math.Max(martenRate, await cpu.RateAsync("Marten alone", SingleAppends, Clients, i => marten.AppendOne($"marten-{round}-{i}", i)));
            }

            Console.WriteLine($"CPU per single append: {cpu}");

            await using (var grouped = dataSource.CreateCommand(
                $"SELECT count(*) || ' events in ' || count(DISTINCT xmin::text) || ' transactions' FROM {schema}.mt_events WHERE stream_id LIKE 'ours-%'"))
            {
                Console.WriteLine($"ours, grouped: {await grouped.ExecuteScalarAsync()}");
            }

            Console.WriteLine($"single-event appends (ours: with an outbox message each): ours {Measure.Format(ours)}/s, raw INSERT {Measure.Format(rawRate)}/s, " +
                              $"Marten alone {Measure.Format(martenRate)}/s");

            var (oursBatch, rawBatch, martenBatch) = (0.0, 0.0, 0.0);
            var batchCpu = new SideCpu();
            for (var round = 0; round < 2; round++)
            {
                rawBatch = Math.Max(rawBatch, await batchCpu.RateAsync("raw", Batches, Clients,
                    i => raw.InsertBatchAsync($"raw-batch-{round}-{i}", [.. Enumerable.Range(0, BatchSize).Select(Serialize)])) * BatchSize);
                oursBatch = Math.Max(oursBatch, await batchCpu.RateAsync("ours", Batches, Clients,
                    i => store.AppendBatch($"ours-batch-{round}-{i}", BatchSize)) * BatchSize);
                martenBatch = Math.Max(martenBatch, await batchCpu.RateAsync("Marten alone", Batches, Clients,
                    i => marten.AppendBatch($"marten-batch-{round}-{i}", BatchSize)) * BatchSize);
            }

            Console.WriteLine($"CPU per 100-event batch: {batchCpu}");

            Console.WriteLine($"100-event batch appends: ours {Measure.Format(oursBatch)} events/s, raw {Measure.Format(rawBatch)} events/s, " +
                              $"Marten alone {Measure.Format(martenBatch)} events/s (ours/Marten alone {Measure.Ratio(oursBatch / martenBatch)})");
            Console.WriteLine($"JIT during the measured appends: {(JitInfo.GetCompilationTime() - jitAtStart).TotalMilliseconds:F0} ms");

            var relay = await new RelayBenchmark(settings, store.Store, dataSource).RunAsync();
            Console.WriteLine(
                $"outbox relay: {Measure.Format(relay.Relay)} messages/s published with confirms; raw RabbitMQ.Client " +
                $"{Measure.Format(relay.Raw)}/s (ratio {Measure.Ratio(relay.Relay / relay.Raw)}), MassTransit alone " +
                $"{Measure.Format(relay.MassTransit)}/s (ratio {Measure.Ratio(relay.Relay / relay.MassTransit)})");

            Console.WriteLine(
                $"eventstore: append {Measure.Format(ours)}/s raw {Measure.Format(rawRate)}/s ratio {Measure.Ratio(ours / rawRate)} " +
                $"marten {Measure.Format(martenRate)}/s vs-marten {Measure.Ratio(ours / martenRate)}; " +
                $"batch ratio {Measure.Ratio(oursBatch / rawBatch)}; relay {Measure.Format(relay.Relay)}/s");
            return 0;
        }
        finally
        {
            // The bench's throwaway schemas, Marten's included (absent if its store failed to start).
            await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {schema}, {martenSchema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Every measured path once under load before the clock, so that no side's figure holds the JIT's
    /// compiling and tiering up of its code (the line after the batches says how much was left).</summary>
    private static async Task Warmup(OurSetup store, RawEventTable raw, MartenAlone marten)
    {
        await Measure.RateAsync(1000, Clients, i => raw.InsertAsync($"warm-{i}", Serialize(i)));
        await Measure.RateAsync(1000, Clients, i => store.AppendOne($"warm-{i}", i));
        await Measure.RateAsync(1000, Clients, i => marten.AppendOne($"warm-{i}", i));
        await Measure.RateAsync(Batches, Clients, i => raw.InsertBatchAsync($"warm-batch-{i}", [.. Enumerable.Range(0, BatchSize).Select(Serialize)]));
        await Measure.RateAsync(Batches, Clients, i => store.AppendBatch($"warm-batch-{i}", BatchSize));
        await Measure.RateAsync(Batches, Clients, i => marten.AppendBatch($"warm-batch-{i}", BatchSize));

        // The JIT tiers up what the warm-up made hot on a background thread: the clock starts once it has finished.
        for (var waited = 0; waited < 20; waited++)
        {
            var jit = JitInfo.GetCompilationTime();
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            if (JitInfo.GetCompilationTime() - jit < TimeSpan.FromMilliseconds(5))
            {
                break;
            }
        }
    }

    private static string Serialize(int i) => JsonSerializer.Serialize(BenchEvents.Sample(i), JsonSerializerOptions.Web);
}

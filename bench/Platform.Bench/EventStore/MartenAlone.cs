using System.Diagnostics;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace Platform.Bench.EventStore;

/// <summary>
/// Marten alone, set up as issue 18 asks of each service (string stream keys, quick append, correlation/causation/
/// headers metadata, a fixed event type alias, a schema of its own) and used through its own API only: what a bare
/// lightweight session costs before we add an outbox or batching around it.
/// </summary>
internal sealed class MartenAlone(DocumentStore store) : IAsyncDisposable
{
    /// <summary>Builds the store and applies its schema, timing both and the first append: Marten prepares its
    /// storage on first use, so that cost is reported apart from the measured rate.</summary>
    public static async Task<MartenAlone> CreateAsync(NpgsqlDataSource dataSource, string schema, bool quiet = false)
    {
        var watch = Stopwatch.StartNew();
        var store = DocumentStore.For(options =>
        {
            options.Connection(dataSource);
            options.DatabaseSchemaName = schema;
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.Events.StreamIdentity = StreamIdentity.AsString;
            options.Events.AppendMode = EventAppendMode.Quick;
            options.Events.MetadataConfig.CorrelationIdEnabled = true;
            options.Events.MetadataConfig.CausationIdEnabled = true;
            options.Events.MetadataConfig.HeadersEnabled = true;
            options.Events.MapEventType<UserSeen>("user-seen");
            options.Events.MapEventType<UsersSeen>("users-seen");
        });
        var built = watch.Elapsed;
        var marten = new MartenAlone(store);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var schemaApplied = watch.Elapsed;
        await marten.AppendOne("marten-first-use", 0);
        if (!quiet)
        {
            Console.WriteLine($"marten first use: store built {Seconds(built)} s, schema applied {Seconds(schemaApplied - built)} s, " +
                              $"first append {Seconds(watch.Elapsed - schemaApplied)} s");
        }

        return marten;
    }

    public async Task AppendOne(string streamId, int i)
    {
        await using var session = store.LightweightSession();
        session.Events.StartStream(streamId, BenchEvents.Sample(i));
        await session.SaveChangesAsync();
    }

    /// <summary><paramref name="count"/> events on a new stream in one session, appended at the version they make (as
    /// our setup writes a new stream of several events): Marten's append function, one call.</summary>
    public async Task AppendBatch(string streamId, int count)
    {
        await using var session = store.LightweightSession();
        session.Events.Append(streamId, count, [.. Enumerable.Range(0, count).Select(i => (object)BenchEvents.Sample(i))]);
        await session.SaveChangesAsync();
    }

    /// <summary>
    /// In one session, a new stream of one event for each of <paramref name="count"/> items, and one more stream whose
    /// one event lists them all: the streams a chunk of an import starts (each address's registry stream, the chunk's
    /// directory changes).
    /// </summary>
    public async Task StartStreamsAsync(string prefix, int first, int count)
    {
        await using var session = store.LightweightSession();
        var seen = new List<UserSeen>(count);
        for (var i = first; i < first + count; i++)
        {
            var sample = BenchEvents.Sample(i);
            session.Events.StartStream($"{prefix}/{i}", sample);
            seen.Add(sample);
        }

        session.Events.StartStream($"{prefix}-chunk/{first}", new UsersSeen(seen));
        await session.SaveChangesAsync();
    }

    public async Task DropSchemaAsync()
    {
        await using var session = store.LightweightSession();
        session.QueueSqlCommand($"DROP SCHEMA IF EXISTS {store.Options.DatabaseSchemaName} CASCADE");
        await session.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
}

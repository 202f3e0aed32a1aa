using System.Diagnostics;
using JasperFx;
using JasperFx.Events;
using Marten;

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
    public static async Task<MartenAlone> CreateAsync(string connectionString, string schema, bool quiet = false)
    {
        var watch = Stopwatch.StartNew();
        var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = schema;
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.Events.StreamIdentity = StreamIdentity.AsString;
            options.Events.AppendMode = EventAppendMode.Quick;
            options.Events.MetadataConfig.CorrelationIdEnabled = true;
            options.Events.MetadataConfig.CausationIdEnabled = true;
            options.Events.MetadataConfig.HeadersEnabled = true;
            options.Events.MapEventType<UserSeen>("user-seen");
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

    /// <summary>In one session, <paramref name="streamsPerItem"/> new streams of one event for each of <paramref name="count"/> items.</summary>
    public async Task StartStreamsAsync(string prefix, int first, int count, int streamsPerItem)
    {
        await using var session = store.LightweightSession();
        for (var i = first; i < first + count; i++)
        {
            for (var s = 0; s < streamsPerItem; s++)
            {
                session.Events.StartStream($"{prefix}-{s}/{i}", BenchEvents.Sample(i));
            }
        }

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

using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Outbox;
using Platform.EventStore.Schema;
using Platform.EventStore.Sessions;

namespace Platform.EventStore;

/// <summary>
/// A service's event store: streams of events with optimistic concurrency, the outbox and inbox beside them, all in
/// one PostgreSQL schema. Shaped after Marten's event API so that a move to Marten stays mechanical.
/// </summary>
public sealed class EventStore(NpgsqlDataSource dataSource, EventStoreOptions options)
{
    private GroupCommitter? _commits;
    private OutboxStorage? _outbox;

    public EventStoreOptions Options => options;

    internal GroupCommitter Commits => LazyInitializer.EnsureInitialized(ref _commits, () => new GroupCommitter(this));

    internal NpgsqlDataSource DataSource => dataSource;

    /// <summary>The outbox and inbox beside the streams, for the relay.</summary>
    public OutboxStorage Outbox => LazyInitializer.EnsureInitialized(ref _outbox, () => new OutboxStorage(dataSource, options.Schema, options.Messages));

    /// <summary>Creates or upgrades the schema and the projections' tables; safe when replicas start together.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken = default) =>
        SchemaMigrator.MigrateAsync(dataSource, options.Schema, options.InlineProjections.Concat(options.AsyncProjections), cancellationToken);

    /// <summary>A unit of work: appends, outbox messages and the inbox mark, committed once by SaveChangesAsync.</summary>
    public EventSession LightweightSession() => new(this);

    public async Task<IReadOnlyList<RecordedEvent>> FetchStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {EventReader.Columns} FROM {options.Schema}.events WHERE stream_id = @stream ORDER BY version");
        command.Parameters.AddWithValue("stream", streamId);
        return await EventReader.ReadAsync(command, options.Events, cancellationToken);
    }

    /// <summary>Folds a stream into its state; a stream that does not exist gives the initial state at version 0.</summary>
    public async Task<StreamState<T>> AggregateStreamAsync<T>(string streamId, CancellationToken cancellationToken = default)
        where T : IFold<T>
    {
        var events = await FetchStreamAsync(streamId, cancellationToken);
        var state = events.Aggregate(T.Initial, (current, e) => current.Apply(e.Data));
        return new StreamState<T>(state, events.Count == 0 ? 0 : events[^1].Version);
    }

    /// <summary>
    /// Events in global position order after <paramref name="afterPosition"/>. For catching up behind concurrent
    /// writers without missing late commits, projections use the daemon, which reads in commit order.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {EventReader.Columns} FROM {options.Schema}.events WHERE seq > @after ORDER BY seq LIMIT @max");
        command.Parameters.AddWithValue("after", afterPosition);
        command.Parameters.AddWithValue("max", maxCount);
        return await EventReader.ReadAsync(command, options.Events, cancellationToken);
    }
}

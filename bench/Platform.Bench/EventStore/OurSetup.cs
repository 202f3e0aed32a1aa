using Marten;
using Npgsql;
using Platform.Contracts;
using Platform.Outbox.Store;

namespace Platform.Bench.EventStore;

/// <summary>
/// Our setup as the services use it: the platform's Marten options (schema, quick append, metadata, outbox tables),
/// each append committed with an outbox message through <see cref="GroupCommits"/>, as a consumer commits its events
/// with the integration message it publishes.
/// </summary>
internal sealed class OurSetup(DocumentStore store, GroupCommits commits) : IAsyncDisposable
{
    public DocumentStore Store => store;

    public static async Task<OurSetup> CreateAsync(NpgsqlDataSource dataSource, string schema)
    {
        var options = PlatformStoreOptions.Create(schema);
        options.Connection(dataSource);
        options.Events.MapEventType<UserSeen>("user-seen");
        var store = new DocumentStore(options);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new OurSetup(store, new GroupCommits(store, dataSource));
    }

    /// <summary>One event on a new stream and the message announcing it, in one commit (grouped with concurrent ones).</summary>
    public Task AppendOne(string streamId, int i) => commits.SaveAsync(session =>
    {
        var seen = BenchEvents.Sample(i);
        session.Events.StartStream(streamId, seen);
        session.Publish(Announce(seen), Guid.CreateVersion7(), streamId);
    });

    /// <summary><paramref name="count"/> events on a new stream in one session, written as the services write a stream at the
    /// version they read (<see cref="StreamWrites"/>).</summary>
    public async Task AppendBatch(string streamId, int count)
    {
        await using var session = store.LightweightSession();
        session.Events.Write(streamId, 0, [.. Enumerable.Range(0, count).Select(i => (object)BenchEvents.Sample(i))]);
        await session.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();

    private static UserDiscovered Announce(UserSeen seen) => new()
    {
        EventId = Guid.CreateVersion7(), OccurredAt = seen.At, Domain = seen.Domain, Email = seen.Email, Source = UserSources.Directory,
    };
}

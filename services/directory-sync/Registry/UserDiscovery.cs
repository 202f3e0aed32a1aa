using Platform.Contracts;
using MassTransit;
using Platform.EventStore.Sessions;

namespace Platform.DirectorySync.Registry;

/// <summary>
/// Registers a user reported by any source and publishes <see cref="UserDiscovered"/> for them exactly once: the
/// stream is written only at the version read, so of two racing sources one wins and the other, retried, finds the
/// user known.
/// </summary>
public sealed class UserDiscovery(EventStore.EventStore store, TimeProvider clock)
{
    public async Task DiscoverAsync(string domain, string email, string source, ConsumeContext context, string consumer, CancellationToken cancellationToken)
    {
        var streamId = RegisteredUser.StreamId(domain, email);
        var user = await store.AggregateStreamAsync<RegisteredUser>(streamId, cancellationToken);
        var events = RegistryDecisions.Discover(user.State, domain, email, source, clock.GetUtcNow());

        var session = store.LightweightSession().CausedBy(context, consumer, "system:" + source);
        if (events.Count > 0)
        {
            session.Events.Write(streamId, user.Version, events);
            PublishDiscovered(session, streamId, domain, email, source, clock.GetUtcNow());
        }

        await session.SaveChangesOnceAsync(cancellationToken);
    }

    /// <summary>Publishes <see cref="UserDiscovered"/> through the session's outbox.</summary>
    public static void PublishDiscovered(EventSession session, string streamId, string domain, string email, string source, DateTimeOffset at, string? displayName = null)
    {
        var discovered = new UserDiscovered
        {
            EventId = Guid.CreateVersion7(), OccurredAt = at, Domain = domain, Email = email, Source = source, DisplayName = displayName,
        };
        session.Publish(discovered, discovered.EventId, streamId);
    }
}

using Platform.Contracts;
using MassTransit;
using Platform.EventStore.Sessions;

namespace Platform.DirectorySync.Registry;

/// <summary>
/// Registers a user reported by any source and publishes <see cref="UserDiscovered"/> for them exactly once: the
/// stream is started only if new, so of two racing sources one wins and the other, retried, finds the user known.
/// </summary>
public sealed class UserDiscovery(EventStore.EventStore store, TimeProvider clock)
{
    public async Task DiscoverAsync(string domain, string email, string source, ConsumeContext context, string consumer, CancellationToken cancellationToken)
    {
        var streamId = RegisteredUser.StreamId(domain, email);
        var user = await store.AggregateStreamAsync<RegisteredUser>(streamId, cancellationToken);
        var events = RegistryDecisions.Discover(user.Exists, domain, email, source, clock.GetUtcNow());

        var session = store.LightweightSession().CausedBy(context, consumer, "system:" + source);
        if (events.Count > 0)
        {
            session.Events.StartStream(streamId, [.. events]);
            var discovered = new UserDiscovered
            {
                EventId = Guid.NewGuid(),
                OccurredAt = clock.GetUtcNow(),
                Domain = domain,
                Email = email,
                Source = source,
            };
            session.Publish(discovered, discovered.EventId, streamId);
        }

        await session.SaveChangesOnceAsync(cancellationToken);
    }
}

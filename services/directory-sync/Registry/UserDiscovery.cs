using Marten;
using MassTransit;
using Platform.Contracts;
using Platform.Outbox.Store;

namespace Platform.DirectorySync.Registry;

/// <summary>
/// Registers a user reported by any source and publishes <see cref="UserDiscovered"/> for them exactly once: the
/// stream is written only at the version read, so of two racing sources one wins and the other, retried, finds the
/// user known. Commits go with other consumers' through <see cref="GroupCommits"/> (one per first spam under load).
/// </summary>
public sealed class UserDiscovery(RegistryRows rows, GroupCommits commits, TimeProvider clock)
{
    public async Task DiscoverAsync(string domain, string email, string source, ConsumeContext context, string consumer, CancellationToken cancellationToken)
    {
        var streamId = RegisteredUser.StreamId(domain, email);
        // The registry's read model is written with every registry event, so it is the stream's state and version.
        var current = await rows.ReadAsync(domain, [email], cancellationToken);
        var (user, version) = current.GetValueOrDefault(email, (RegisteredUser.Initial, 0));
        var at = clock.GetUtcNow();
        var events = RegistryDecisions.Discover(user, domain, email, source, at);
        var discovered = Discovered(domain, email, source, at);
        await commits.SaveOnceAsync(session =>
        {
            session.CausedBy(context, consumer, "system:" + source);
            if (events.Count > 0)
            {
                session.Events.Write(streamId, version, [.. events]);
                session.Publish(discovered, discovered.EventId, streamId);
            }
        }, cancellationToken);
    }

    /// <summary>Publishes <see cref="UserDiscovered"/> through the session's outbox.</summary>
    public static void PublishDiscovered(IDocumentSession session, string streamId, string domain, string email, string source, DateTimeOffset at, string? displayName = null)
    {
        var discovered = Discovered(domain, email, source, at, displayName);
        session.Publish(discovered, discovered.EventId, streamId);
    }

    public static UserDiscovered Discovered(string domain, string email, string source, DateTimeOffset at, string? displayName = null) => new()
    {
        EventId = Guid.CreateVersion7(), OccurredAt = at, Domain = domain, Email = email, Source = source, DisplayName = displayName,
    };
}

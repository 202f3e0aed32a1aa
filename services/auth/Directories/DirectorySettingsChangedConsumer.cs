using MassTransit;
using Platform.Contracts;
using Platform.EventStore.Sessions;
using Platform.Security;

namespace Platform.Auth.Directories;

/// <summary>Keeps auth's copy of each domain's directory settings, from which it logs the domain's users in.</summary>
public sealed class DirectorySettingsChangedConsumer(EventStore.EventStore store, DomainDirectories directories) : IConsumer<DirectorySettingsChanged>
{
    public async Task Consume(ConsumeContext<DirectorySettingsChanged> context)
    {
        if (DomainNames.Normalize(context.Message.Domain) is not { } domain)
        {
            return;
        }

        var session = store.LightweightSession().CausedBy(context, nameof(DirectorySettingsChangedConsumer), "system:directory-sync");
        session.Events.Append(DirectoryLearned.StreamId(domain), [new DirectoryLearned(domain, context.Message)]);
        await session.SaveChangesOnceAsync(context.CancellationToken);
        directories.Forget(domain);
    }
}

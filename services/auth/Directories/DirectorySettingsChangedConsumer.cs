using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Contracts;
using Platform.Outbox.Store;
using Platform.Security;

namespace Platform.Auth.Directories;

/// <summary>
/// Keeps auth's copy of each domain's directory settings, from which it logs the domain's users in. Only the next
/// version is kept (<see cref="SettingsVersions"/>).
/// </summary>
public sealed partial class DirectorySettingsChangedConsumer(
    IDocumentStore store, DomainDirectories directories, NpgsqlDataSource data, ILogger<DirectorySettingsChangedConsumer> logger)
    : IConsumer<DirectorySettingsChanged>
{
    public async Task Consume(ConsumeContext<DirectorySettingsChanged> context)
    {
        if (DomainNames.Normalize(context.Message.Domain) is not { } domain)
        {
            return;
        }

        var incoming = context.Message.Version;
        var kept = await SettingsVersions.KeptAsync(data, store.Options.DatabaseSchemaName, domain, context.CancellationToken);
        switch (SettingsVersions.Decide(kept, incoming))
        {
            case SettingsVersionVerdict.Ignore:
                return;
            case SettingsVersionVerdict.Refuse:
                LogRefused(logger, domain, incoming, kept!.Value);
                throw new SettingsVersionGapException(domain, kept.Value, incoming);
        }

        await using var session = store.LightweightSession();
        session.CausedBy(context, nameof(DirectorySettingsChangedConsumer), "system:directory-sync");
        session.Events.Append(DirectoryLearned.StreamId(domain), [new DirectoryLearned(domain, context.Message)]);
        await session.SaveChangesOnceAsync(context.CancellationToken);
        directories.Forget(domain);
    }

    [LoggerMessage(LogLevel.Warning, "Refused directory settings version {Version} of {Domain}: auth keeps version {Kept}, only the next may follow")]
    private static partial void LogRefused(ILogger logger, string domain, long version, long kept);
}

using Marten;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Outbox.Store;

namespace Platform.DirectorySync.Recipients.Guard;

/// <summary>Publishes <see cref="DictionaryAttackSuspected"/> through the outbox, once per episode the guard reports.</summary>
public sealed partial class AttackReports(IDocumentStore store, IOptions<GuardOptions> options, RecipientMetrics metrics, ILogger<AttackReports> logger)
{
    public async Task ReportAsync(AttackEpisode episode, CancellationToken cancellationToken)
    {
        var message = new DictionaryAttackSuspected
        {
            EventId = Guid.CreateVersion7(), OccurredAt = episode.StartedAt, Domain = episode.Domain, Scope = episode.Scope,
            ClientAddress = episode.ClientAddress, InvalidLookups = episode.InvalidLookups, WindowSeconds = (int)options.Value.Window.TotalSeconds,
        };
        await using var session = store.LightweightSession();
        session.LastModifiedBy = "system:recipient-guard";
        session.Publish(message, message.EventId, $"recipient-guard/{episode.Domain}");
        await session.SaveChangesAsync(cancellationToken);
        metrics.AttackSuspected(episode.Scope);
        LogSuspected(episode.Scope, episode.Domain, episode.ClientAddress, episode.InvalidLookups);
    }

    [LoggerMessage(LogLevel.Warning, "Dictionary attack suspected ({Scope}) on {Domain} from {Client}: {Invalid} invalid lookups in the window")]
    private partial void LogSuspected(string scope, string domain, string? client, int invalid);
}

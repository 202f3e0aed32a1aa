using MassTransit;
using Platform.Contracts;
using Platform.EventStore.Sessions;

namespace Platform.Reporting.Quarantine;

/// <summary>
/// Records each quarantined message in its recipient's stream and, for a recipient's first one ever, publishes
/// <see cref="FirstSpamDetected"/> through the outbox. Redeliveries are dropped by the inbox; a lost race to start
/// the stream is retried and then finds the recipient known.
/// </summary>
public sealed class SpamQuarantinedConsumer(EventStore.EventStore store, TimeProvider clock) : IConsumer<SpamQuarantined>
{
    public async Task Consume(ConsumeContext<SpamQuarantined> context)
    {
        var message = context.Message;
        var (domain, email) = Recipient.Normalize(message.Domain, message.Email);
        var streamId = RecipientQuarantine.StreamId(domain, email);
        var quarantine = await store.AggregateStreamAsync<RecipientQuarantine>(streamId, context.CancellationToken);
        var decision = QuarantineDecisions.Record(quarantine.State, quarantine.Exists, message);

        var session = store.LightweightSession().CausedBy(context, nameof(SpamQuarantinedConsumer), "system:filter");
        if (decision.IsFirstSpam)
        {
            session.Events.StartStream(streamId, [.. decision.Events]);
            var firstSpam = new FirstSpamDetected
            {
                EventId = Guid.NewGuid(),
                OccurredAt = clock.GetUtcNow(),
                Domain = domain,
                Email = email,
                QuarantineId = message.QuarantineId,
            };
            session.Publish(firstSpam, firstSpam.EventId, streamId);
        }
        else if (decision.Events.Count > 0)
        {
            session.Events.Append(streamId, quarantine.Version, [.. decision.Events]);
        }

        await session.SaveChangesOnceAsync(context.CancellationToken);
    }
}

using MassTransit;
using Platform.Contracts;
using Platform.EventStore.Sessions;
using Platform.Reporting.Enrollment;

namespace Platform.Reporting.Quarantine;

/// <summary>
/// Records each quarantined message in its recipient's stream. For a recipient's first one ever it also publishes
/// <see cref="FirstSpamDetected"/> and enrolls the recipient in the periodic report, in the same transaction.
/// Redeliveries are dropped by the inbox; a lost race to start the stream fails the commit, and the retry finds the
/// recipient known. A message that cannot be recorded goes to the error queue with its reason, unretried.
/// </summary>
public sealed class SpamQuarantinedConsumer(EventStore.EventStore store, QuarantineReader quarantine, EnrollmentStore enrollments, TimeProvider clock)
    : IConsumer<SpamQuarantined>
{
    public async Task Consume(ConsumeContext<SpamQuarantined> context)
    {
        var message = context.Message;
        var (domain, email) = SpamMessages.Validate(message);
        var now = clock.GetUtcNow();
        var spam = new SpamRecorded(message.QuarantineId, message.Sender, message.Subject, message.Score, message.ReceivedAt, now);
        var (state, enrollment) = await quarantine.StateAsync(domain, email, message.QuarantineId, context.CancellationToken);
        var decision = QuarantineDecisions.Record(state, spam);
        if (decision.Recorded is null)
        {
            return;
        }

        var streamId = QuarantineProjection.StreamId(domain, email);
        var session = store.LightweightSession().CausedBy(context, nameof(SpamQuarantinedConsumer), "system:filter");
        if (decision.IsFirstSpam)
        {
            session.Events.StartStream(streamId, decision.Recorded);
            var firstSpam = new FirstSpamDetected
            {
                EventId = Guid.CreateVersion7(), OccurredAt = now, Domain = domain, Email = email, QuarantineId = message.QuarantineId,
            };
            session.Publish(firstSpam, firstSpam.EventId, streamId);
            enrollments.Enroll(session, enrollment, domain, email, ReportEnrollmentReasons.FirstSpam);
        }
        else
        {
            session.Events.Append(streamId, decision.Recorded);
        }

        await session.SaveChangesOnceAsync(context.CancellationToken);
    }
}

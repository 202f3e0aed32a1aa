using MassTransit;
using Platform.Contracts;
using Platform.Outbox.Store;
using Platform.Reporting.Enrollment;

namespace Platform.Reporting.Quarantine;

/// <summary>
/// Records each quarantined message in its recipient's stream. For a recipient's first one ever it also publishes
/// <see cref="FirstSpamDetected"/> and enrolls the recipient in the periodic report, in the same transaction.
/// Redeliveries are dropped by the inbox; a lost race to start the stream fails the commit, and the retry finds the
/// recipient known. Commits go in groups (the first-spam flow's throughput). A message that cannot be recorded goes
/// to the error queue with its reason, unretried.
/// </summary>
public sealed class SpamQuarantinedConsumer(GroupCommits commits, QuarantineReader quarantine, EnrollmentStore enrollments, TimeProvider clock)
    : IConsumer<SpamQuarantined>
{
    public async Task Consume(ConsumeContext<SpamQuarantined> context)
    {
        var message = context.Message;
        var (domain, email) = SpamMessages.Validate(message);
        var now = clock.GetUtcNow();
        var spam = new SpamRecorded(message.QuarantineId, message.Sender, message.Subject, message.Score, message.ReceivedAt, now);
        var (state, facts) = await quarantine.StateAsync(domain, email, message.QuarantineId, context.CancellationToken);
        if (QuarantineDecisions.Record(state, spam) is not { Recorded: { } recorded } decision)
        {
            return;
        }

        var streamId = QuarantineProjection.StreamId(domain, email);
        var firstSpam = decision.IsFirstSpam
            ? new FirstSpamDetected { EventId = Guid.CreateVersion7(), OccurredAt = now, Domain = domain, Email = email, QuarantineId = message.QuarantineId }
            : null;
        var enrollment = decision.IsFirstSpam ? enrollments.Enroll(facts, domain, email, ReportEnrollmentReasons.FirstSpam) : null;
        await commits.SaveOnceAsync(session =>
        {
            session.CausedBy(context, nameof(SpamQuarantinedConsumer), "system:filter");
            if (firstSpam is null)
            {
                session.Events.Append(streamId, recorded);
                return;
            }

            // Only one writer can start the stream: of two racing first messages, the other's commit fails and its
            // retry finds the recipient known.
            session.Events.StartStream(streamId, recorded);
            session.Publish(firstSpam, firstSpam.EventId, streamId);
            enrollment?.Record(session);
        }, context.CancellationToken);
    }
}

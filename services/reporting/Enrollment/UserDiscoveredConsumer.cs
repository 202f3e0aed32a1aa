using MassTransit;
using Platform.Contracts;
using Platform.Outbox.Store;
using Platform.Security;

namespace Platform.Reporting.Enrollment;

/// <summary>
/// Enrolls a user the directory sync found, when their domain enrolls directory users (otherwise they are enrolled
/// with their first spam). Users from other sources wait for their first spam. A sync announces many users at once:
/// their enrollments are committed in groups.
/// </summary>
public sealed class UserDiscoveredConsumer(GroupCommits commits, EnrollmentStore enrollments) : IConsumer<UserDiscovered>
{
    public async Task Consume(ConsumeContext<UserDiscovered> context)
    {
        if (context.Message.Source != UserSources.Directory || EmailAddresses.FromEvent(context.Message.Domain, context.Message.Email) is not var (domain, email))
        {
            return;
        }

        var facts = await enrollments.FactsAsync(domain, email, context.CancellationToken);
        if (!facts.DomainSettings.EnrollDirectoryUsers)
        {
            return;
        }

        var enrollment = enrollments.Enroll(facts, domain, email, ReportEnrollmentReasons.Directory);
        await commits.SaveOnceAsync(session =>
        {
            session.CausedBy(context, nameof(UserDiscoveredConsumer), "system:directory");
            enrollment?.Record(session);
        }, context.CancellationToken);
    }
}

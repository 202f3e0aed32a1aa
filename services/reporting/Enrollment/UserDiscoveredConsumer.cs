using MassTransit;
using Platform.Contracts;
using Platform.EventStore.Sessions;
using Platform.Reporting.Settings;
using Platform.Security;

namespace Platform.Reporting.Enrollment;

/// <summary>
/// Enrolls a user the directory sync found, when their domain enrolls directory users (otherwise they are enrolled
/// with their first spam). Users from other sources wait for their first spam.
/// </summary>
public sealed class UserDiscoveredConsumer(EventStore.EventStore store, EnrollmentStore enrollments, ReportingSettingsStore settings) : IConsumer<UserDiscovered>
{
    public async Task Consume(ConsumeContext<UserDiscovered> context)
    {
        if (context.Message.Source != UserSources.Directory || EmailAddresses.FromEvent(context.Message.Domain, context.Message.Email) is not var (domain, email))
        {
            return;
        }

        if (!(await settings.GetAsync(domain, context.CancellationToken)).Settings.EnrollDirectoryUsers)
        {
            return;
        }

        var session = store.LightweightSession().CausedBy(context, nameof(UserDiscoveredConsumer), "system:directory");
        await enrollments.EnrollAsync(session, domain, email, ReportEnrollmentReasons.Directory, context.CancellationToken);
        await session.SaveChangesOnceAsync(context.CancellationToken);
    }
}

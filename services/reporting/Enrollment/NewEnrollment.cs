using Marten;
using Platform.Contracts;
using Platform.Outbox.Store;
using Platform.Reporting.Settings;

namespace Platform.Reporting.Enrollment;

/// <summary>
/// An enrollment decided and not yet recorded: the stream it starts and <see cref="ReportEnrolled"/> for the outbox.
/// Recording it twice (a group commit that failed, then alone) records the same event and message id.
/// </summary>
public sealed record NewEnrollment(ReportEnrollmentStarted Started, ReportEnrolled Enrolled)
{
    /// <summary>The enrollment <paramref name="started"/>, announced with the domain's schedule at this moment.</summary>
    public static NewEnrollment Of(ReportEnrollmentStarted started, ReportingSettings domainSettings) => new(started, new ReportEnrolled
    {
        EventId = Guid.CreateVersion7(), OccurredAt = started.At, Domain = started.Domain, Email = started.Email, Frequency = started.Frequency,
        ReportHour = domainSettings.ReportHour, TimeZone = domainSettings.TimeZone, Reason = started.Reason,
    });

    /// <summary>Starts the user's enrollment stream: a concurrent enrollment of the same user makes the commit fail.</summary>
    public void Record(IDocumentSession session)
    {
        var streamId = ReportEnrollment.StreamId(Started.Domain, Started.Email);
        session.Events.StartStream(streamId, Started);
        session.Publish(Enrolled, Enrolled.EventId, streamId);
    }
}

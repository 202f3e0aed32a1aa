using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Platform.Reporting.Enrollment;

/// <summary>
/// A user's enrollment as its stream tells it, for deciding a change (aggregated live: it is read only when a user or an
/// admin chooses a frequency). <see cref="Id"/> is the stream key.
/// </summary>
public sealed record EnrollmentState(string Domain, string Email, string Frequency, string Reason, DateTimeOffset EnrolledAt)
{
    public string Id { get; set; } = "";

    public string? TimeZone { get; init; }

    public string? Language { get; init; }

    public static EnrollmentState? Fold(EnrollmentState? state, EnrollmentEvent e) => e switch
    {
        ReportEnrollmentStarted s => new EnrollmentState(s.Domain, s.Email, s.Frequency, s.Reason, s.At),
        ReportFrequencySet f when state is not null => state with { Frequency = f.Frequency },
        ReportPreferencesSet p when state is not null => state with { TimeZone = p.TimeZone, Language = p.Language },
        _ => state,
    };

    /// <summary>The enrollment the decisions take, at the stream's <paramref name="version"/>.</summary>
    public ReportEnrollment At(long version) => new(Domain, Email, Frequency, Reason, EnrolledAt, version) { TimeZone = TimeZone, Language = Language };
}

public sealed class EnrollmentStateProjection : SingleStreamProjection<EnrollmentState, string>
{
    public override EnrollmentState? Evolve(EnrollmentState? snapshot, string id, IEvent e) =>
        e.Data is EnrollmentEvent data ? EnrollmentState.Fold(snapshot, data) : snapshot;
}

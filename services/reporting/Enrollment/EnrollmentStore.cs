using Marten;
using Npgsql;
using Platform.Contracts;
using Platform.Outbox.Store;
using Platform.Reporting.Settings;

namespace Platform.Reporting.Enrollment;

/// <summary>Reads enrollments and records enrolling or changing a user, with the message other services learn it from.</summary>
public sealed class EnrollmentStore(NpgsqlDataSource data, IDocumentStore store, ReportingSettingsStore settings, TimeProvider clock)
{
    private const string Columns = "domain, email, frequency, reason, enrolled_at, version, last_period_end, last_report_id, reports_published, next_due_at, time_zone, language";

    private string Schema => store.Options.DatabaseSchemaName;

    public async Task<EnrollmentView?> FindViewAsync(string domain, string email, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"SELECT {Columns} FROM {Schema}.report_enrollments WHERE domain = $1 AND email = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>A page of the domain's enrollments in address order, after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<EnrollmentView>> ListAsync(string domain, string? frequency, string? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"""
            SELECT {Columns} FROM {Schema}.report_enrollments
            WHERE domain = $1 AND ($2::text IS NULL OR frequency = $2) AND ($3::text IS NULL OR email > $3)
            ORDER BY email LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = frequency });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// The enrollment of a user not enrolled yet, with the domain's default frequency and schedule, for the caller to
    /// record with its own changes; null for a user already enrolled.
    /// </summary>
    public NewEnrollment? Enroll(EnrollmentFacts facts, string domain, string email, string reason) =>
        EnrollmentDecisions.Enroll(facts.Current, domain, email, facts.DomainSettings.DefaultFrequency, reason, clock.GetUtcNow()) is { } started
            ? NewEnrollment.Of(started, facts.DomainSettings)
            : null;

    /// <summary>The user's enrollment, if any, and their domain's settings, in one round trip.</summary>
    public async Task<EnrollmentFacts> FactsAsync(string domain, string email, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"SELECT {EnrollmentFacts.Columns} FROM (SELECT 1) AS one {EnrollmentFacts.Joins(Schema)}");
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return EnrollmentFacts.Read(reader, 0, domain, email);
    }

    /// <summary>
    /// A user's or admin's choice of frequency, and of time zone and language (null: unchanged, empty: the domain's),
    /// decided on the user's stream (a concurrent change makes it decide again); false when it changed nothing.
    /// </summary>
    public async Task<bool> ChooseAsync(
        string domain, string email, string frequency, string? timeZone, string? language, string changedBy, string actor, CancellationToken cancellationToken)
    {
        var domainSettings = (await settings.GetAsync(domain, cancellationToken)).Settings;
        var streamId = ReportEnrollment.StreamId(domain, email);
        return await store.HandleAsync<EnrollmentState, bool>(streamId, (stream, session) =>
        {
            var current = stream.Aggregate?.At(stream.CurrentVersion ?? 0);
            var at = clock.GetUtcNow();
            var choice = EnrollmentDecisions.Choose(current, domain, email, frequency, changedBy, at);
            // After the enrollment or the change of frequency: the preferences are about an enrollment.
            var preferences = EnrollmentDecisions.Prefer(current, domain, email, timeZone, language, changedBy, at);
            stream.AppendMany(new object?[] { choice, preferences }.OfType<object>().ToArray());
            switch (choice)
            {
                case ReportEnrollmentStarted started:
                    var enrolled = NewEnrollment.Of(started, domainSettings).Enrolled;
                    session.Publish(enrolled, enrolled.EventId, streamId);
                    break;
                case ReportFrequencySet set:
                    var changed = new ReportFrequencyChanged
                    {
                        EventId = Guid.CreateVersion7(), OccurredAt = set.At, Domain = domain, Email = email, Frequency = set.Frequency,
                        PreviousFrequency = set.PreviousFrequency, ChangedBy = set.ChangedBy,
                    };
                    session.Publish(changed, changed.EventId, streamId);
                    break;
            }

            return choice is not null || preferences is not null;
        }, prepare: session => session.LastModifiedBy = actor, cancellationToken: cancellationToken);
    }

    private static async Task<IReadOnlyList<EnrollmentView>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var views = new List<EnrollmentView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var enrollment = new ReportEnrollment(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5))
            {
                TimeZone = reader.IsDBNull(10) ? null : reader.GetString(10), Language = reader.IsDBNull(11) ? null : reader.GetString(11),
            };
            views.Add(new EnrollmentView(enrollment, reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt32(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return views;
    }
}

/// <summary>An enrollment with what the schedule did with it, as the API shows it.</summary>
public sealed record EnrollmentView(
    ReportEnrollment Enrollment, DateTimeOffset? LastPeriodEnd, string? LastReportId, int ReportsPublished, DateTimeOffset? NextReportDueAt);

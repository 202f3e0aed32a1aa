using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.Reporting.Enrollment;

/// <summary>
/// Users enrolled in the report (<c>report_enrollments</c>) with what the scheduler needs: the end of the last
/// reported period and <c>next_due_at</c>, the scheduler's note of when to look at the user again (NULL: as soon as
/// possible — set whenever the frequency or the domain's schedule changes).
/// </summary>
public sealed class EnrollmentProjection(string schema) : IProjection
{
    private readonly RowShape _started = new($"""
        INSERT INTO {schema}.report_enrollments (domain, email, frequency, reason, enrolled_at, changed_at, version)
        SELECT domain, email, frequency, reason, enrolled_at, enrolled_at, version
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::bigint[]) AS s(domain, email, frequency, reason, enrolled_at, version)
        """, [typeof(string), typeof(string), typeof(string), typeof(string), typeof(DateTimeOffset), typeof(long)]);

    public string Name => "report_enrollments";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.report_enrollments (
                domain text COLLATE "C" NOT NULL,
                email text COLLATE "C" NOT NULL,
                frequency text NOT NULL,
                reason text NOT NULL,
                enrolled_at timestamptz NOT NULL,
                changed_at timestamptz NOT NULL,
                last_period_end timestamptz,
                last_report_id text,
                reports_published int NOT NULL DEFAULT 0,
                next_due_at timestamptz,
                version bigint NOT NULL,
                PRIMARY KEY (domain, email));
            CREATE INDEX IF NOT EXISTS report_enrollments_due ON {schema}.report_enrollments (next_due_at) WHERE frequency <> 'off';
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            if (e.Data is ReportEnrollmentStarted s)
            {
                writes.AddRow(_started, s.Domain, s.Email, s.Frequency, s.Reason, s.At, e.Version);
                continue;
            }

            var command = e.Data switch
            {
                ReportFrequencySet f => BatchCommands.Of($"""
                    UPDATE {schema}.report_enrollments SET frequency = $3, changed_at = $4, next_due_at = NULL, version = $5
                    WHERE domain = $1 AND email = $2
                    """, f.Domain, f.Email, f.Frequency, f.At, e.Version),
                PeriodicReportProduced p => BatchCommands.Of($"""
                    UPDATE {schema}.report_enrollments SET last_period_end = $3, last_report_id = $4,
                        reports_published = reports_published + $5, version = $6
                    WHERE domain = $1 AND email = $2
                    """, p.Domain, p.Email, p.PeriodEnd, p.ReportId, p.Published ? 1 : 0, e.Version),
                _ => null,
            };
            if (command is not null)
            {
                writes.Add(command);
            }
        }

        return Task.CompletedTask;
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.report_enrollments", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

using JasperFx.Events;
using Marten;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.Reporting.Enrollment;

/// <summary>
/// Users enrolled in the report (<c>report_enrollments</c>) with what the scheduler needs: the end of the last
/// reported period and <c>next_due_at</c>, the scheduler's note of when to look at the user again (NULL: as soon as
/// possible — set whenever the frequency or the domain's schedule changes; a rebuild leaves it NULL for everyone).
/// </summary>
public sealed class EnrollmentProjection : TableProjection
{
    public override string Name => "report_enrollments";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.report_enrollments");
        table.AddColumn<string>("domain").AsPrimaryKey();
        table.AddColumn<string>("email").AsPrimaryKey();
        table.AddColumn<string>("frequency").NotNull();
        table.AddColumn<string>("reason").NotNull();
        table.AddColumn<DateTimeOffset>("enrolled_at").NotNull();
        table.AddColumn<DateTimeOffset>("changed_at").NotNull();
        table.AddColumn<DateTimeOffset>("last_period_end");
        table.AddColumn<string>("last_report_id");
        table.AddColumn<int>("reports_published").NotNull().DefaultValueByExpression("0");
        table.AddColumn<DateTimeOffset>("next_due_at");
        table.AddColumn<long>("version").NotNull();
        // The user's own report time zone and language; NULL: the domain's.
        table.AddColumn<string>("time_zone");
        table.AddColumn<string>("language");
        // In the scheduler's order (a new enrollment, not yet scheduled, first): its pass reads the due users from the
        // index's start instead of sorting every enrollment.
        table.Indexes.Add(new IndexDefinition("report_enrollments_due")
        {
            Columns = ["next_due_at"], NullsSortOrder = NullsSortOrder.First, Predicate = "frequency <> 'off'",
        });
        yield return table;
    }

    /// <summary>
    /// <c>version</c> is the stream's: every event of the stream moves it on by one (counted here rather than taken
    /// from the event, whose version an inline projection knows only for appends at an expected version). Enrollments
    /// in a row go in one statement (a group commit of first spams brings many); the order of the events is kept.
    /// </summary>
    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        var started = new List<ReportEnrollmentStarted>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case ReportEnrollmentStarted s:
                    started.Add(s);
                    break;
                case ReportFrequencySet f:
                    Insert(operations, schema, started);
                    operations.QueueSqlCommand($"""
                        UPDATE {schema}.report_enrollments SET frequency = ?, changed_at = ?, next_due_at = NULL, version = version + 1
                        WHERE domain = ? AND email = ?
                        """, f.Frequency, f.At.ToUniversalTime(), f.Domain, f.Email);
                    break;
                case ReportPreferencesSet p:
                    Insert(operations, schema, started);
                    // Periods are counted in the zone: the scheduler looks at the user again at its next pass.
                    operations.QueueSqlCommand($"""
                        UPDATE {schema}.report_enrollments SET time_zone = ?, language = ?, changed_at = ?, next_due_at = NULL, version = version + 1
                        WHERE domain = ? AND email = ?
                        """, (object?)p.TimeZone ?? DBNull.Value, (object?)p.Language ?? DBNull.Value, p.At.ToUniversalTime(), p.Domain, p.Email);
                    break;
                case PeriodicReportProduced p:
                    Insert(operations, schema, started);
                    operations.QueueSqlCommand($"""
                        UPDATE {schema}.report_enrollments SET last_period_end = ?, last_report_id = ?,
                            reports_published = reports_published + ?, version = version + 1
                        WHERE domain = ? AND email = ?
                        """, p.PeriodEnd.ToUniversalTime(), p.ReportId, p.Published ? 1 : 0, p.Domain, p.Email);
                    break;
            }
        }

        Insert(operations, schema, started);
        return Task.CompletedTask;
    }

    private static void Insert(IDocumentOperations operations, string schema, List<ReportEnrollmentStarted> started)
    {
        if (started.Count == 0)
        {
            return;
        }

        operations.QueueSqlCommand($"""
            INSERT INTO {schema}.report_enrollments (domain, email, frequency, reason, enrolled_at, changed_at, version)
            SELECT domain, email, frequency, reason, enrolled_at, enrolled_at, 1
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[]) AS s(domain, email, frequency, reason, enrolled_at)
            """,
            started.Select(s => s.Domain).ToArray(), started.Select(s => s.Email).ToArray(), started.Select(s => s.Frequency).ToArray(),
            started.Select(s => s.Reason).ToArray(), started.Select(s => s.At.ToUniversalTime()).ToArray());
        started.Clear();
    }
}

using JasperFx.Events;
using Marten;
using Platform.EventStore.MartenStore;
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
        table.Indexes.Add(new IndexDefinition("report_enrollments_due") { Columns = ["next_due_at"], Predicate = "frequency <> 'off'" });
        yield return table;
    }

    /// <summary>
    /// <c>version</c> is the stream's: every event of the stream moves it on by one (counted here rather than taken
    /// from the event, whose version an inline projection knows only for appends at an expected version).
    /// </summary>
    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case ReportEnrollmentStarted s:
                    operations.QueueSqlCommand($"""
                        INSERT INTO {schema}.report_enrollments (domain, email, frequency, reason, enrolled_at, changed_at, version)
                        VALUES (?, ?, ?, ?, ?, ?, 1)
                        """, s.Domain, s.Email, s.Frequency, s.Reason, s.At.ToUniversalTime(), s.At.ToUniversalTime());
                    break;
                case ReportFrequencySet f:
                    operations.QueueSqlCommand($"""
                        UPDATE {schema}.report_enrollments SET frequency = ?, changed_at = ?, next_due_at = NULL, version = version + 1
                        WHERE domain = ? AND email = ?
                        """, f.Frequency, f.At.ToUniversalTime(), f.Domain, f.Email);
                    break;
                case PeriodicReportProduced p:
                    operations.QueueSqlCommand($"""
                        UPDATE {schema}.report_enrollments SET last_period_end = ?, last_report_id = ?,
                            reports_published = reports_published + ?, version = version + 1
                        WHERE domain = ? AND email = ?
                        """, p.PeriodEnd.ToUniversalTime(), p.ReportId, p.Published ? 1 : 0, p.Domain, p.Email);
                    break;
            }
        }

        return Task.CompletedTask;
    }
}

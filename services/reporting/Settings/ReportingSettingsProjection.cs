using JasperFx.Events;
using Marten;
using Npgsql;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.Reporting.Settings;

/// <summary>
/// Each domain's saved report settings (<c>domain_reporting</c>). Saving asks the scheduler to work out its users'
/// next reports again (their <c>next_due_at</c> is cleared in the same transaction).
/// </summary>
public sealed class ReportingSettingsProjection : TableProjection
{
    public override string Name => "domain_reporting";

    public static string StreamId(string domain) => $"reporting-settings/{domain}";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.domain_reporting");
        table.AddColumn<string>("domain").AsPrimaryKey();
        table.AddColumn<string>("default_frequency").NotNull();
        table.AddColumn<int>("report_hour").NotNull();
        table.AddColumn<string>("time_zone").NotNull();
        table.AddColumn<int>("weekly_day").NotNull();
        table.AddColumn<bool>("enroll_directory_users").NotNull();
        table.AddColumn<bool>("send_empty_reports").NotNull();
        table.AddColumn<int>("retention_days").NotNull();
        table.AddColumn<string>("saved_by").NotNull();
        table.AddColumn<DateTimeOffset>("saved_at").NotNull();
        yield return table;
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        foreach (var saved in events.Select(e => e.Data).OfType<ReportingSettingsSaved>())
        {
            var s = saved.Settings;
            operations.QueueSqlCommand($"""
                INSERT INTO {schema}.domain_reporting (domain, default_frequency, report_hour, time_zone, weekly_day, enroll_directory_users,
                    send_empty_reports, retention_days, saved_by, saved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (domain) DO UPDATE SET default_frequency = EXCLUDED.default_frequency, report_hour = EXCLUDED.report_hour,
                    time_zone = EXCLUDED.time_zone, weekly_day = EXCLUDED.weekly_day, enroll_directory_users = EXCLUDED.enroll_directory_users,
                    send_empty_reports = EXCLUDED.send_empty_reports, retention_days = EXCLUDED.retention_days, saved_by = EXCLUDED.saved_by,
                    saved_at = EXCLUDED.saved_at
                """, saved.Domain, s.DefaultFrequency, s.ReportHour, s.TimeZone, (int)s.WeeklyDay, s.EnrollDirectoryUsers, s.SendEmptyReports,
                s.RetentionDays, saved.Actor, saved.At.ToUniversalTime());
            operations.QueueSqlCommand($"UPDATE {schema}.report_enrollments SET next_due_at = NULL WHERE domain = ?", saved.Domain);
        }

        return Task.CompletedTask;
    }

    /// <summary>The columns a reader selects to build <see cref="ReportingSettings"/> with <see cref="Read"/>, from alias <c>d</c>.</summary>
    public const string Columns = "d.default_frequency, d.report_hour, d.time_zone, d.weekly_day, d.enroll_directory_users, d.send_empty_reports, d.retention_days";

    /// <summary>How many columns <see cref="Columns"/> names.</summary>
    public static readonly int ColumnCount = Columns.Split(',').Length;

    /// <summary>The settings at <paramref name="first"/> (<see cref="Columns"/>), or the defaults when the domain saved none.</summary>
    public static ReportingSettings Read(NpgsqlDataReader reader, int first) => reader.IsDBNull(first)
        ? ReportingSettings.Defaults
        : new ReportingSettings(reader.GetString(first), reader.GetInt32(first + 1), reader.GetString(first + 2), (DayOfWeek)reader.GetInt32(first + 3),
            reader.GetBoolean(first + 4), reader.GetBoolean(first + 5), reader.GetInt32(first + 6));
}

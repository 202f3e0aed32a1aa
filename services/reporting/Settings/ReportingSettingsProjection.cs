using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.Reporting.Settings;

/// <summary>
/// Each domain's saved report settings (<c>domain_reporting</c>). Saving asks the scheduler to work out its users'
/// next reports again (their <c>next_due_at</c> is cleared in the same transaction).
/// </summary>
public sealed class ReportingSettingsProjection(string schema) : IProjection
{
    public string Name => "domain_reporting";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.domain_reporting (
                domain text COLLATE "C" PRIMARY KEY,
                default_frequency text NOT NULL,
                report_hour int NOT NULL,
                time_zone text NOT NULL,
                weekly_day int NOT NULL,
                enroll_directory_users boolean NOT NULL,
                send_empty_reports boolean NOT NULL,
                retention_days int NOT NULL,
                saved_by text NOT NULL,
                saved_at timestamptz NOT NULL);
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        foreach (var saved in events.Select(e => e.Data).OfType<ReportingSettingsSaved>())
        {
            var s = saved.Settings;
            writes.Add(BatchCommands.Of($"""
                INSERT INTO {schema}.domain_reporting VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                ON CONFLICT (domain) DO UPDATE SET default_frequency = $2, report_hour = $3, time_zone = $4, weekly_day = $5,
                    enroll_directory_users = $6, send_empty_reports = $7, retention_days = $8, saved_by = $9, saved_at = $10
                """, saved.Domain, s.DefaultFrequency, s.ReportHour, s.TimeZone, (int)s.WeeklyDay, s.EnrollDirectoryUsers, s.SendEmptyReports,
                s.RetentionDays, saved.Actor, saved.At));
            writes.Add(BatchCommands.Of($"UPDATE {schema}.report_enrollments SET next_due_at = NULL WHERE domain = $1", saved.Domain));
        }

        return Task.CompletedTask;
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.domain_reporting", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string StreamId(string domain) => $"reporting-settings/{domain}";

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

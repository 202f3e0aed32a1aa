using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts;
using Platform.Outbox.Store;
using Platform.Reporting.Enrollment;
using Platform.Reporting.Quarantine;
using Platform.Reporting.Settings;

namespace Platform.Reporting.Schedule;

/// <summary>
/// Finds users whose report period has ended and publishes each report once. One replica at a time runs a pass (a
/// PostgreSQL advisory lock); each report is appended to the user's enrollment stream at the version the pass read,
/// so even a second pass working from the same rows cannot publish it twice. The clock is injected: tests move time.
/// </summary>
public sealed partial class ReportScheduler(
    NpgsqlDataSource data,
    IDocumentStore store,
    QuarantineReader quarantine,
    TimeProvider clock,
    IOptions<ReportSchedulerOptions> options,
    ReportMetrics metrics,
    ILogger<ReportScheduler> logger) : BackgroundService
{
    private ReportSchedulerOptions Options => options.Value;

    private string Schema => store.Options.DatabaseSchemaName;

    /// <summary>One pass over the users due at the clock's now; the number of reports published (0 when another replica runs one).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        if (!await LockAsync(connection, "pg_try_advisory_lock", cancellationToken))
        {
            return 0;
        }

        try
        {
            var now = clock.GetUtcNow();
            var published = 0;
            var seen = new HashSet<(string, string)>();
            while (true)
            {
                var due = await DueAsync(connection, now, cancellationToken);
                var fresh = due.Where(user => seen.Add((user.Domain, user.Email))).ToList();
                var nextDue = new List<NextDue>();
                foreach (var user in fresh)
                {
                    var (wasPublished, next) = await HandleAsync(user, now, cancellationToken);
                    published += wasPublished ? 1 : 0;
                    if (next is not null)
                    {
                        nextDue.Add(next);
                    }
                }

                await SetNextDueAsync(connection, nextDue, cancellationToken);

                if (fresh.Count == 0 || due.Count < Options.BatchSize)
                {
                    return published;
                }
            }
        }
        finally
        {
            // A broken connection has let go of its lock already.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await LockAsync(connection, "pg_advisory_unlock", CancellationToken.None);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Options.Interval);
        do
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) is > 0 and var published)
                {
                    LogPublished(logger, published);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
                metrics.PassFailed();
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Produces the user's due report, if any; whether it was published, and when the user is due next (null when the
    /// user changed meanwhile: the next pass decides again).
    /// </summary>
    private async Task<(bool Published, NextDue? Next)> HandleAsync(DueUser user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = user.Settings;
        // The user's own time zone, else the domain's.
        var timeZone = user.TimeZone ?? settings.TimeZone;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var version = user.Version;
        var published = false;
        // A user's first report starts with the period they were enrolled in.
        var last = user.LastPeriodEnd ?? ReportPeriods.LatestCompleted(user.EnrolledAt, user.Frequency, settings.ReportHour, zone, settings.WeeklyDay)?.End;
        // Periods are judged as of a moment SettleTime ago, so that late commits of their last messages are in.
        var asOf = now - Options.SettleTime;
        var period = ReportPeriods.Due(asOf, user.Frequency, settings.ReportHour, zone, settings.WeeklyDay, last, Options.CatchUp);
        if (period is not null)
        {
            using var traced = ReportTracing.StartReport(user.Domain, user.Frequency, period.End);
            var (total, newest) = await quarantine.PeriodAsync(user.Domain, user.Email, period.Start, period.End, Options.MaxEntries, cancellationToken);
            published = total > 0 || settings.SendEmptyReports;
            var reportId = ReportPeriods.ReportId(user.Domain, user.Email, user.Frequency, period);
            var streamId = ReportEnrollment.StreamId(user.Domain, user.Email);
            await using var session = store.LightweightSession();
            session.LastModifiedBy = "system:scheduler";
            session.Events.Write(streamId, version,
                [new PeriodicReportProduced(user.Domain, user.Email, reportId, user.Frequency, period.Start, period.End, total, published, now)]);
            if (published)
            {
                var ready = new PeriodicReportReady
                {
                    EventId = Guid.CreateVersion7(), OccurredAt = now, Domain = user.Domain, Email = user.Email, ReportId = reportId,
                    Frequency = user.Frequency, PeriodStart = period.Start, PeriodEnd = period.End, TimeZone = timeZone,
                    TotalMessages = total, Entries = newest, Language = user.Language,
                };
                session.Publish(ready, ready.EventId, streamId);
            }

            try
            {
                await session.SaveChangesAsync(cancellationToken);
                version++;
                metrics.Produced(user.Frequency, published);
            }
            catch (Exception e) when (StoreErrors.IsConcurrencyConflict(e))
            {
                // The user changed their frequency meanwhile (or another pass got here first): the next pass decides again.
                return (false, null);
            }
        }

        var nextEnd = ReportPeriods.NextEnd(asOf, user.Frequency, settings.ReportHour, zone, settings.WeeklyDay)!.Value;
        return (published, new NextDue(user.Domain, user.Email, nextEnd + Options.SettleTime, version));
    }

    /// <summary>When each user is due next, in one statement; a user whose enrollment changed since is left to the next pass.</summary>
    private async Task SetNextDueAsync(NpgsqlConnection connection, List<NextDue> users, CancellationToken cancellationToken)
    {
        if (users.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand($"""
            UPDATE {Schema}.report_enrollments e SET next_due_at = u.at
            FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[]) AS u(domain, email, at, version)
            WHERE e.domain = u.domain AND e.email = u.email AND e.version = u.version
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = users.Select(u => u.Domain).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = users.Select(u => u.Email).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = users.Select(u => u.At).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = users.Select(u => u.Version).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<DueUser>> DueAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT e.domain, e.email, e.frequency, e.enrolled_at, e.last_period_end, e.version, e.time_zone, e.language, {ReportingSettingsProjection.Columns}
            FROM {Schema}.report_enrollments e LEFT JOIN {Schema}.domain_reporting d ON d.domain = e.domain
            WHERE e.frequency <> 'off' AND (e.next_due_at IS NULL OR e.next_due_at <= $1)
            ORDER BY e.next_due_at NULLS FIRST LIMIT $2
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = Options.BatchSize });
        var users = new List<DueUser>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(new DueUser(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), ReportingSettingsProjection.Read(reader, 8)));
        }

        return users;
    }

    private async Task<bool> LockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}(hashtext($1))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Schema + ":report-scheduler" });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed record DueUser(
        string Domain, string Email, string Frequency, DateTimeOffset EnrolledAt, DateTimeOffset? LastPeriodEnd, long Version, string? TimeZone,
        string? Language, ReportingSettings Settings);

    private sealed record NextDue(string Domain, string Email, DateTimeOffset At, long Version);

    [LoggerMessage(LogLevel.Information, "Published {Count} periodic reports")]
    private static partial void LogPublished(ILogger logger, int count);

    [LoggerMessage(LogLevel.Error, "A report scheduler pass failed; the next one tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

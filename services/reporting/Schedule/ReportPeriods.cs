using System.Globalization;
using Platform.Contracts;

namespace Platform.Reporting.Schedule;

/// <summary>One report period: [Start, End), and the local date it starts on (which names the report).</summary>
public sealed record ReportPeriod(DateTimeOffset Start, DateTimeOffset End, DateOnly LocalStartDate);

/// <summary>
/// Report periods by the local calendar of a time zone, pure: a daily period runs from the report hour one day to the
/// report hour the next (23 or 25 hours across a daylight-saving change), a weekly one from the report hour on the
/// weekly day to the same hour a week later.
/// </summary>
public static class ReportPeriods
{
    /// <summary>The latest period that has ended at <paramref name="now"/>; null for <see cref="ReportFrequencies.Off"/>.</summary>
    public static ReportPeriod? LatestCompleted(DateTimeOffset now, string frequency, int hour, TimeZoneInfo zone, DayOfWeek weeklyDay)
    {
        var days = frequency switch
        {
            ReportFrequencies.Daily => 1,
            ReportFrequencies.Weekly => 7,
            _ => 0,
        };
        if (days == 0)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var endDate = today;
        if (days == 7)
        {
            endDate = endDate.AddDays(-(((int)today.DayOfWeek - (int)weeklyDay + 7) % 7));
        }

        var end = At(endDate, hour, zone);
        if (end > now)
        {
            endDate = endDate.AddDays(-days);
            end = At(endDate, hour, zone);
        }

        var startDate = endDate.AddDays(-days);
        return new ReportPeriod(At(startDate, hour, zone), end, startDate);
    }

    /// <summary>When the period after <paramref name="now"/>'s latest completed one ends: when to look again.</summary>
    public static DateTimeOffset? NextEnd(DateTimeOffset now, string frequency, int hour, TimeZoneInfo zone, DayOfWeek weeklyDay) =>
        LatestCompleted(now, frequency, hour, zone, weeklyDay) is { } latest
            ? At(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(latest.End, zone).DateTime).AddDays(frequency == ReportFrequencies.Weekly ? 7 : 1), hour, zone)
            : null;

    /// <summary>
    /// What to report at <paramref name="now"/>: the latest completed period unless it was reported already. A report
    /// starts where the previous one ended when that was within <paramref name="catchUp"/> of the period's start (the
    /// service was down, or the frequency changed): nothing recorded in between is left out or reported twice.
    /// </summary>
    public static ReportPeriod? Due(
        DateTimeOffset now, string frequency, int hour, TimeZoneInfo zone, DayOfWeek weeklyDay, DateTimeOffset? lastPeriodEnd, TimeSpan catchUp)
    {
        if (LatestCompleted(now, frequency, hour, zone, weeklyDay) is not { } latest || lastPeriodEnd >= latest.End)
        {
            return null;
        }

        // last < latest.End here: a report starts where the previous one ended, when that was recently enough.
        if (lastPeriodEnd is not { } last || last == latest.Start || last < latest.Start - catchUp)
        {
            return latest;
        }

        // A stretch shorter than a period (the report hour moved later) that ends on the local date it starts would
        // share its name with the next report: it waits and goes with the next period instead.
        var lastDate = LocalDate(last, zone);
        return last > latest.Start && lastDate == LocalDate(latest.End, zone) ? null : new ReportPeriod(last, latest.End, lastDate);
    }

    private static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The report's stable id: <c>{domain}/{email}/{frequency}/{local start date}</c>.</summary>
    public static string ReportId(string domain, string email, string frequency, ReportPeriod period) =>
        $"{domain}/{email}/{frequency}/{period.LocalStartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The instant the local clock shows <paramref name="hour"/>:00 on <paramref name="date"/>. An hour skipped by a
    /// daylight-saving change is taken an hour later (when the clock shows it again); an hour that happens twice is its
    /// first occurrence. In UTC, as PostgreSQL keeps instants.
    /// </summary>
    public static DateTimeOffset At(DateOnly date, int hour, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(new TimeOnly(hour, 0));
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}

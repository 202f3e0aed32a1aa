using Platform.Contracts;
using Platform.Reporting.Schedule;
using Xunit;

namespace Platform.Reporting.Tests.Schedule;

public sealed class Counting_report_periods
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void Ends_a_daily_period_at_the_report_hour_local_time()
    {
        // 07:30 in Berlin (UTC+1 in November): the period that just ended ran from yesterday 07:00 to today 07:00.
        var period = ReportPeriods.LatestCompleted(Utc("2026-11-24T06:30:00Z"), ReportFrequencies.Daily, 7, Berlin, DayOfWeek.Monday)!;

        Assert.Equal((Utc("2026-11-23T06:00:00Z"), Utc("2026-11-24T06:00:00Z")), (period.Start, period.End));
        Assert.Equal(new DateOnly(2026, 11, 23), period.LocalStartDate);
    }

    [Fact]
    public void Reports_the_day_before_until_the_report_hour_comes()
    {
        var period = ReportPeriods.LatestCompleted(Utc("2026-11-24T05:59:59Z"), ReportFrequencies.Daily, 7, Berlin, DayOfWeek.Monday)!;

        Assert.Equal((Utc("2026-11-22T06:00:00Z"), Utc("2026-11-23T06:00:00Z")), (period.Start, period.End));
    }

    [Fact]
    public void Counts_a_day_of_23_hours_when_the_clocks_go_forward()
    {
        // Berlin moves from UTC+1 to UTC+2 on 2026-03-29 at 02:00.
        var period = ReportPeriods.LatestCompleted(Utc("2026-03-29T06:00:00Z"), ReportFrequencies.Daily, 7, Berlin, DayOfWeek.Monday)!;

        Assert.Equal((Utc("2026-03-28T06:00:00Z"), Utc("2026-03-29T05:00:00Z")), (period.Start, period.End));
        Assert.Equal(TimeSpan.FromHours(23), period.End - period.Start);
    }

    [Fact]
    public void Counts_a_day_of_25_hours_when_the_clocks_go_back()
    {
        // Berlin moves from UTC+2 to UTC+1 on 2026-10-25 at 03:00.
        var period = ReportPeriods.LatestCompleted(Utc("2026-10-25T07:00:00Z"), ReportFrequencies.Daily, 7, Berlin, DayOfWeek.Monday)!;

        Assert.Equal((Utc("2026-10-24T05:00:00Z"), Utc("2026-10-25T06:00:00Z")), (period.Start, period.End));
        Assert.Equal(TimeSpan.FromHours(25), period.End - period.Start);
    }

    [Fact]
    public void Takes_a_report_hour_the_clocks_skip_an_hour_later_and_a_repeated_one_at_its_first_occurrence()
    {
        // New York skips 02:00–03:00 on 2026-03-08 and repeats 01:00–02:00 on 2026-11-01.
        Assert.Equal(Utc("2026-03-08T07:00:00Z"), ReportPeriods.At(new DateOnly(2026, 3, 8), 2, NewYork));
        Assert.Equal(Utc("2026-11-01T05:00:00Z"), ReportPeriods.At(new DateOnly(2026, 11, 1), 1, NewYork));
    }

    [Fact]
    public void Ends_a_weekly_period_on_its_day_at_the_report_hour()
    {
        // Wednesday 2026-11-25; weekly on Mondays at 07:00 Berlin: the week of 16–23 November.
        var period = ReportPeriods.LatestCompleted(Utc("2026-11-25T12:00:00Z"), ReportFrequencies.Weekly, 7, Berlin, DayOfWeek.Monday)!;

        Assert.Equal((Utc("2026-11-16T06:00:00Z"), Utc("2026-11-23T06:00:00Z")), (period.Start, period.End));
        Assert.Equal(Utc("2026-11-30T06:00:00Z"), ReportPeriods.NextEnd(Utc("2026-11-25T12:00:00Z"), ReportFrequencies.Weekly, 7, Berlin, DayOfWeek.Monday));
    }

    [Fact]
    public void Counts_a_week_by_the_local_calendar_across_a_daylight_saving_change()
    {
        // Weekly on Sundays at 09:00 in New York; clocks go back on Sunday 2026-11-01 and forward on Sunday 2026-03-08.
        var autumn = ReportPeriods.LatestCompleted(Utc("2026-11-04T12:00:00Z"), ReportFrequencies.Weekly, 9, NewYork, DayOfWeek.Sunday)!;
        var spring = ReportPeriods.LatestCompleted(Utc("2026-03-10T12:00:00Z"), ReportFrequencies.Weekly, 9, NewYork, DayOfWeek.Sunday)!;

        Assert.Equal((Utc("2026-10-25T13:00:00Z"), Utc("2026-11-01T14:00:00Z"), new DateOnly(2026, 10, 25)), (autumn.Start, autumn.End, autumn.LocalStartDate));
        Assert.Equal(TimeSpan.FromHours(169), autumn.End - autumn.Start);
        Assert.Equal((Utc("2026-03-01T14:00:00Z"), Utc("2026-03-08T13:00:00Z")), (spring.Start, spring.End));
        Assert.Equal(TimeSpan.FromHours(167), spring.End - spring.Start);
    }

    [Fact]
    public void Gives_a_daily_and_a_weekly_user_in_different_zones_exactly_their_periods_over_a_fortnight()
    {
        // Every hour for two weeks across Berlin's change to winter time: each user sees each of their periods once,
        // back to back, with nothing left out.
        var daily = new List<ReportPeriod>();
        var weekly = new List<ReportPeriod>();
        for (var now = Utc("2026-10-19T00:00:00Z"); now < Utc("2026-11-02T12:00:00Z"); now = now.AddHours(1))
        {
            Collect(daily, ReportPeriods.LatestCompleted(now, ReportFrequencies.Daily, 7, Berlin, DayOfWeek.Monday)!);
            Collect(weekly, ReportPeriods.LatestCompleted(now, ReportFrequencies.Weekly, 18, NewYork, DayOfWeek.Friday)!);
        }

        Assert.Equal(16, daily.Count); // the day before the first hour, then 19 October to 2 November
        Assert.Single(daily, p => p.End - p.Start == TimeSpan.FromHours(25));
        Assert.All(daily.Zip(daily.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.Equal(3, weekly.Count);
        Assert.All(weekly, p => Assert.Equal(DayOfWeek.Friday, TimeZoneInfo.ConvertTime(p.End, NewYork).DayOfWeek));
        Assert.All(weekly.Zip(weekly.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
    }

    [Fact]
    public void Reports_nothing_twice_and_starts_a_late_report_where_the_last_one_ended()
    {
        var now = Utc("2026-11-24T08:00:00Z");
        Assert.Null(ReportPeriods.Due(now, ReportFrequencies.Daily, 7, Berlin, DayOfWeek.Monday, Utc("2026-11-24T06:00:00Z"), TimeSpan.FromDays(14)));

        // The service was down for two days: the report reaches back to the end of the last one.
        var late = ReportPeriods.Due(now, ReportFrequencies.Daily, 7, Berlin, DayOfWeek.Monday, Utc("2026-11-21T06:00:00Z"), TimeSpan.FromDays(14))!;
        Assert.Equal((Utc("2026-11-21T06:00:00Z"), Utc("2026-11-24T06:00:00Z")), (late.Start, late.End));

        // Beyond the catch-up limit, only the latest period.
        var old = ReportPeriods.Due(now, ReportFrequencies.Daily, 7, Berlin, DayOfWeek.Monday, Utc("2026-10-01T06:00:00Z"), TimeSpan.FromDays(14))!;
        Assert.Equal(Utc("2026-11-23T06:00:00Z"), old.Start);

        Assert.Null(ReportPeriods.Due(now, ReportFrequencies.Off, 7, Berlin, DayOfWeek.Monday, null, TimeSpan.FromDays(14)));
    }

    [Fact]
    public void Gives_every_report_its_own_name_when_the_report_hour_moves_later()
    {
        // The last report ended Tuesday 07:00 in Berlin; the domain then moves the hour to 23:00. Reporting Tuesday
        // 07:00 to 23:00 on its own would be named 2026-11-24, like the report of Tuesday 23:00 to Wednesday 23:00.
        var last = Utc("2026-11-24T06:00:00Z");
        var catchUp = TimeSpan.FromDays(14);
        Assert.Null(ReportPeriods.Due(Utc("2026-11-24T22:30:00Z"), ReportFrequencies.Daily, 23, Berlin, DayOfWeek.Monday, last, catchUp));

        var merged = ReportPeriods.Due(Utc("2026-11-25T22:30:00Z"), ReportFrequencies.Daily, 23, Berlin, DayOfWeek.Monday, last, catchUp)!;
        var next = ReportPeriods.Due(Utc("2026-11-26T22:30:00Z"), ReportFrequencies.Daily, 23, Berlin, DayOfWeek.Monday, merged.End, catchUp)!;

        Assert.Equal((last, Utc("2026-11-25T22:00:00Z"), new DateOnly(2026, 11, 24)), (merged.Start, merged.End, merged.LocalStartDate));
        Assert.Equal((merged.End, new DateOnly(2026, 11, 25)), (next.Start, next.LocalStartDate));
    }

    [Fact]
    public void Names_a_report_by_user_frequency_and_local_start_date()
    {
        var period = ReportPeriods.LatestCompleted(Utc("2026-11-24T06:30:00Z"), ReportFrequencies.Daily, 0, Berlin, DayOfWeek.Monday)!;

        Assert.Equal("example.com/alice@example.com/daily/2026-11-23",
            ReportPeriods.ReportId("example.com", "alice@example.com", ReportFrequencies.Daily, period));
    }

    private static void Collect(List<ReportPeriod> periods, ReportPeriod period)
    {
        if (periods.Count == 0 || periods[^1] != period)
        {
            periods.Add(period);
        }
    }

    private static DateTimeOffset Utc(string value) => DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Reporting.Schedule;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Reporting.Tests.Schedule;

/// <summary>The report schedule on a clock the test moves, against the real PostgreSQL and RabbitMQ.</summary>
public sealed class Producing_periodic_reports : IAsyncLifetime
{
    private const string Domain = "reports.example";
    private readonly ManualClock _clock = new(At("2026-11-23T10:00:00Z"));
    private readonly ServiceHost<Program> _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _host.With("Reporting:Schedule:Interval", "01:00:00").WithServices(s => s.AddSingleton<TimeProvider>(_clock));
        await _host.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Publishes_each_users_report_once_per_period_with_its_entries_across_two_replicas()
    {
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@reports.example", Domain));
        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/reporting", new { defaultFrequency = "daily", reportHour = 7, timeZone = "Europe/Berlin", weeklyDay = "monday" }))
            .EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/users/carol@{Domain}/report", new { frequency = "weekly" })).EnsureSuccessStatusCode();

        // Monday 23 November, 11:00 in Berlin.
        await SpamAsync("alice", "a-1", "a-2", "a-3");
        await SpamAsync("bob", "b-1");
        await SpamAsync("carol", "c-1");
        await SpamAsync("other", "o-1"); // a user of the domain who opts out
        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/users/other@{Domain}/report", new { frequency = "off" })).EnsureSuccessStatusCode();

        // Tuesday 07:00:30 in Berlin: the day has just ended, but its last messages may still be committing.
        _clock.Now = At("2026-11-24T06:00:30Z");
        var scheduler = _host.Services.GetRequiredService<ReportScheduler>();
        Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));

        // Tuesday 07:30: Monday 07:00 to Tuesday 07:00 is reported to the daily users.
        _clock.Now = At("2026-11-24T06:30:00Z");
        Assert.Equal(2, await scheduler.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));

        // Each pass notes when every user it looked at is due next: the end of their next period and a minute to settle.
        var enrollments = JsonNode.Parse(await admin.GetStringAsync($"/v1/domains/{Domain}/reports/enrollments"))!["enrollments"]!.AsArray();
        var nextDue = enrollments.ToDictionary(e => e!["email"]!.GetValue<string>(), e => e!["nextReportDueAt"]?.GetValue<DateTimeOffset>());
        Assert.Equal(At("2026-11-25T06:01:00Z"), nextDue[$"alice@{Domain}"]);
        Assert.Equal(At("2026-11-25T06:01:00Z"), nextDue[$"bob@{Domain}"]);
        Assert.Equal(At("2026-11-30T06:01:00Z"), nextDue[$"carol@{Domain}"]);

        var reports = await ReportsAsync();
        Assert.Equal(["alice@reports.example", "bob@reports.example"], reports.Select(r => r["email"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var alice = reports.Single(r => r["email"]!.GetValue<string>() == $"alice@{Domain}");
        Assert.Equal($"{Domain}/alice@{Domain}/daily/2026-11-23", alice["reportId"]!.GetValue<string>());
        Assert.Equal((At("2026-11-23T06:00:00Z"), At("2026-11-24T06:00:00Z")), (alice["periodStart"]!.GetValue<DateTimeOffset>(), alice["periodEnd"]!.GetValue<DateTimeOffset>()));
        Assert.Equal(("Europe/Berlin", 3), (alice["timeZone"]!.GetValue<string>(), alice["totalMessages"]!.GetValue<int>()));
        Assert.Null(alice["language"]); // the domain's
        Assert.Equal(["a-3", "a-2", "a-1"], alice["entries"]!.AsArray().Select(e => e!["quarantineId"]!.GetValue<string>()));
        Assert.Equal("Prize for a-3", alice["entries"]![0]!["subject"]!.GetValue<string>());

        // Tuesday: one more for alice; a second replica on the same database runs its passes at the same moments.
        _clock.Now = At("2026-11-24T12:00:00Z");
        await SpamAsync("alice", "a-4");
        await using var second = await ServiceHost<Program>.CreateAsync();
        second.With("ConnectionStrings:Postgres", _host.ConnectionString).With("RabbitMq:VirtualHost", _host.VirtualHost)
            .With("Reporting:Schedule:Interval", "01:00:00").WithServices(s => s.AddSingleton<TimeProvider>(_clock));
        await second.WaitUntilReadyAsync();
        _clock.Now = At("2026-11-25T06:30:00Z");
        var other = second.Services.GetRequiredService<ReportScheduler>();
        var passes = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? scheduler : other).RunOnceAsync(CancellationToken.None)));

        Assert.Equal(1, passes.Sum()); // bob's empty day is skipped
        var wednesday = (await ReportsAsync()).Skip(2).ToList();
        var again = Assert.Single(wednesday);
        Assert.Equal(($"{Domain}/alice@{Domain}/daily/2026-11-24", 1), (again["reportId"]!.GetValue<string>(), again["totalMessages"]!.GetValue<int>()));

        // Monday 30 November, 07:30: the weekly user gets the week; nothing new for the daily ones.
        _clock.Now = At("2026-11-30T06:30:00Z");
        Assert.Equal(1, await scheduler.RunOnceAsync(CancellationToken.None));
        var weekly = (await ReportsAsync()).Last();
        Assert.Equal(($"{Domain}/carol@{Domain}/weekly/2026-11-23", "weekly", 1),
            (weekly["reportId"]!.GetValue<string>(), weekly["frequency"]!.GetValue<string>(), weekly["totalMessages"]!.GetValue<int>()));
        Assert.DoesNotContain(await ReportsAsync(), r => r["email"]!.GetValue<string>() == $"other@{Domain}");
    }

    [Fact]
    public async Task Sends_empty_reports_only_when_the_domain_asks_for_them_and_forgets_entries_past_the_retention()
    {
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@reports.example", Domain));
        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/reporting", new { sendEmptyReports = true, retentionDays = 3 })).EnsureSuccessStatusCode();
        await SpamAsync("dora", "d-1");

        _clock.Now = At("2026-11-25T07:00:00Z"); // two days later, 06:00 UTC passed
        var scheduler = _host.Services.GetRequiredService<ReportScheduler>();
        Assert.Equal(1, await scheduler.RunOnceAsync(CancellationToken.None));
        _clock.Now = At("2026-11-26T07:00:00Z");
        Assert.Equal(1, await scheduler.RunOnceAsync(CancellationToken.None));

        var reports = await ReportsAsync();
        Assert.Equal([1, 0], reports.Select(r => r["totalMessages"]!.GetValue<int>()));
        // The first report reached back to the start of the day the user was enrolled in: nothing was left out.
        Assert.Equal(At("2026-11-23T06:00:00Z"), reports[0]["periodStart"]!.GetValue<DateTimeOffset>());

        var retention = _host.Services.GetRequiredService<Platform.Reporting.Quarantine.QuarantineRetention>();
        Assert.Equal(0, await retention.PurgeAsync(CancellationToken.None));
        _clock.Now = At("2026-11-26T10:00:01Z"); // three days after d-1 was recorded
        Assert.Equal(1, await retention.PurgeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Catches_up_after_a_restart_with_one_report_from_where_the_last_one_ended()
    {
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@reports.example", Domain));
        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/reporting", new { reportHour = 7, timeZone = "Europe/Berlin" })).EnsureSuccessStatusCode();
        await SpamAsync("erik", "e-1");
        _clock.Now = At("2026-11-24T06:30:00Z");
        Assert.Equal(1, await _host.Services.GetRequiredService<ReportScheduler>().RunOnceAsync(CancellationToken.None));

        // Tuesday and Wednesday bring two more; then the service is down until Friday 07:30 in Berlin.
        _clock.Now = At("2026-11-24T12:00:00Z");
        await SpamAsync("erik", "e-2");
        _clock.Now = At("2026-11-25T12:00:00Z");
        await SpamAsync("erik", "e-3");
        await _host.StopServiceAsync();
        _clock.Now = At("2026-11-27T06:30:00Z");
        await using var successor = await ServiceHost<Program>.CreateAsync();
        successor.With("ConnectionStrings:Postgres", _host.ConnectionString).With("RabbitMq:VirtualHost", _host.VirtualHost)
            .With("Reporting:Schedule:Interval", "01:00:00").WithServices(s => s.AddSingleton<TimeProvider>(_clock));
        await successor.WaitUntilReadyAsync();

        // Its first pass (at start, or this one) sends one report for Tuesday to Friday, not three, and nothing twice.
        await successor.Services.GetRequiredService<ReportScheduler>().RunOnceAsync(CancellationToken.None);
        var reports = await Eventually.Get(ReportsAsync, r => r.Count == 2, TimeSpan.FromSeconds(10));
        Assert.Equal(0, await successor.Services.GetRequiredService<ReportScheduler>().RunOnceAsync(CancellationToken.None));
        var late = reports[1];
        Assert.Equal(($"{Domain}/erik@{Domain}/daily/2026-11-24", 2), (late["reportId"]!.GetValue<string>(), late["totalMessages"]!.GetValue<int>()));
        Assert.Equal((At("2026-11-24T06:00:00Z"), At("2026-11-27T06:00:00Z")),
            (late["periodStart"]!.GetValue<DateTimeOffset>(), late["periodEnd"]!.GetValue<DateTimeOffset>()));
        Assert.Equal(["e-3", "e-2"], late["entries"]!.AsArray().Select(e => e!["quarantineId"]!.GetValue<string>()));
        Assert.Equal(2, (await ReportsAsync()).Count);
    }

    [Fact]
    public async Task Counts_a_users_periods_in_their_own_time_zone_and_names_their_language()
    {
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@reports.example", Domain));
        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/reporting", new { defaultFrequency = "daily", reportHour = 7, timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();
        await SpamAsync("fritz", "f-1");
        await SpamAsync("greta", "g-1");
        using var fritz = _host.CreateClient().As(PlatformTokenRequest.EmailUser($"fritz@{Domain}", $"fritz@{Domain}"));
        (await fritz.PutAsJsonAsync($"/v1/domains/{Domain}/users/fritz@{Domain}/report", new { frequency = "daily", timeZone = "America/New_York", language = "de" }))
            .EnsureSuccessStatusCode();

        // Monday 12:30 UTC: 07:30 in New York, where fritz's day ended at 07:00; greta's Berlin day ends on Tuesday.
        _clock.Now = At("2026-11-23T12:30:00Z");
        Assert.Equal(1, await _host.Services.GetRequiredService<ReportScheduler>().RunOnceAsync(CancellationToken.None));

        var report = Assert.Single(await ReportsAsync());
        Assert.Equal(($"fritz@{Domain}", "America/New_York", At("2026-11-23T12:00:00Z"), 1, "de"),
            (report["email"]!.GetValue<string>(), report["timeZone"]!.GetValue<string>(), report["periodEnd"]!.GetValue<DateTimeOffset>(),
                report["totalMessages"]!.GetValue<int>(), report["language"]!.GetValue<string>()));
    }

    private async Task SpamAsync(string user, params string[] quarantineIds)
    {
        foreach (var id in quarantineIds)
        {
            var json = ReportingHost.Spam(Domain, $"{user}@{Domain}", id);
            await RawRabbitMq.PublishAsync(_host.VirtualHost, nameof(SpamQuarantined), Guid.NewGuid(), json);
            // One after the other, so that each has its own recording time and the newest is known.
            await Eventually.Get(() => _host.CountAsync("SELECT count(*) FROM reporting.quarantine_entries WHERE quarantine_id = $1", id), n => n == 1,
                TimeSpan.FromSeconds(30));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

    }

    private Task<List<JsonNode>> ReportsAsync() => _host.OutboxAsync(nameof(PeriodicReportReady));

    private static DateTimeOffset At(string value) => DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}

using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Npgsql;
using Platform.Contracts;
using Platform.Reporting.Schedule;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Reporting.Tests.Schedule;

/// <summary>The scheduler, running on its own on a clock the test moves, counts the periods it reports and the passes that fail.</summary>
public sealed class Counting_reports : IAsyncLifetime
{
    private const string Domain = "counted.example";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly ServiceHost<Program> _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _host.With("Reporting:Schedule:Interval", "00:00:00.200").WithServices(s => s.AddSingleton<TimeProvider>(_clock));
        await _host.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Counts_published_and_empty_reports_by_frequency_and_a_pass_that_fails()
    {
        var meters = _host.Services.GetRequiredService<IMeterFactory>();
        using var reports = new MetricCollector<long>(meters, "Platform.Reporting", ReportMetrics.ReportsName);
        using var failures = new MetricCollector<long>(meters, "Platform.Reporting", ReportMetrics.FailuresName);
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{Domain}", Domain));
        await RawRabbitMq.PublishAsync(_host.VirtualHost, nameof(SpamQuarantined), Guid.NewGuid(), ReportingHost.Spam(Domain, $"alice@{Domain}", "a-1"));
        await Eventually.Get(() => _host.CountAsync("SELECT count(*) FROM reporting.quarantine_entries"), n => n == 1, Timeout);
        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/users/bob@{Domain}/report", new { frequency = "daily" })).EnsureSuccessStatusCode();

        // The next morning, past the default report hour (06:00 UTC): alice's day had spam, bob's did not.
        _clock.Now = new DateTimeOffset(2026, 11, 24, 6, 30, 0, TimeSpan.Zero);
        await reports.WaitForMeasurementsAsync(2, Timeout);
        var counted = reports.GetMeasurementSnapshot()
            .GroupBy(m => ($"{m.Tags[ReportMetrics.FrequencyTag]}", $"{m.Tags[ReportMetrics.OutcomeTag]}"))
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(new Dictionary<(string, string), long> { [("daily", "published")] = 1, [("daily", "empty")] = 1 }, counted);
        Assert.Empty(failures.GetMeasurementSnapshot());

        // The enrollments table disappears under the scheduler: its passes fail, and say so.
        await using (var data = NpgsqlDataSource.Create(_host.ConnectionString))
        await using (var rename = data.CreateCommand("ALTER TABLE reporting.report_enrollments RENAME TO report_enrollments_gone"))
        {
            await rename.ExecuteNonQueryAsync();
        }

        await failures.WaitForMeasurementsAsync(1, Timeout);
    }
}

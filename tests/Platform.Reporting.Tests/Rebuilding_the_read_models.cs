using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Reporting.Tests;

/// <summary>Reporting's read models are Marten projections: Marten's own rebuild gives back what the inline writes gave.</summary>
public sealed class Rebuilding_the_read_models : IAsyncLifetime
{
    private const string Domain = "rebuild.example";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // What each projection holds, row by row; next_due_at is the scheduler's own note, not the events'.
    private static readonly Dictionary<string, string> Queries = new(StringComparer.Ordinal)
    {
        ["quarantine"] = """
            SELECT row(q.*)::text FROM reporting.quarantine_entries q ORDER BY email, quarantine_id;
            SELECT row(r.*)::text FROM reporting.quarantine_recipients r ORDER BY email
            """,
        ["report_enrollments"] = """
            SELECT row(domain, email, frequency, reason, enrolled_at, changed_at, last_period_end, last_report_id, reports_published, version)::text
            FROM reporting.report_enrollments ORDER BY email
            """,
        ["domain_reporting"] = "SELECT row(d.*)::text FROM reporting.domain_reporting d ORDER BY domain",
    };

    private readonly ServiceHost<Program> _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Rebuilds_the_quarantine_the_enrollments_and_the_settings_as_they_were_written_inline()
    {
        await _host.WaitUntilReadyAsync();
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{Domain}", Domain));
        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/reporting", new { defaultFrequency = "weekly", reportHour = 8, timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();
        foreach (var (user, id) in new[] { ("ann", "q-1"), ("ann", "q-2"), ("ben", "q-3") })
        {
            await RawRabbitMq.PublishAsync(_host.VirtualHost, nameof(SpamQuarantined), Guid.NewGuid(), ReportingHost.Spam(Domain, $"{user}@{Domain}", id));
        }

        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/users/carl@{Domain}/report", new { frequency = "daily" })).EnsureSuccessStatusCode();
        await Eventually.Get(() => _host.CountAsync("SELECT count(*) FROM reporting.quarantine_entries"), n => n == 3, Timeout);
        await Eventually.Get(() => _host.CountAsync("SELECT count(*) FROM reporting.report_enrollments"), n => n == 3, Timeout);
        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/users/ann@{Domain}/report", new { frequency = "off" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/reporting", new { retentionDays = 30 })).EnsureSuccessStatusCode();
        var inline = await ReadAllAsync();
        Assert.Equal(3, inline["quarantine"].Count(r => r.Contains("q-", StringComparison.Ordinal) && r.Contains("Prize", StringComparison.Ordinal)));
        Assert.Contains(inline["report_enrollments"], r => r.StartsWith($"({Domain},ann@{Domain},off,firstSpam,", StringComparison.Ordinal));

        // The tables drift from the events (lost rows, a stray one, a wrong value): the rebuild starts from empty tables.
        await ExecuteAsync($"""
            DELETE FROM reporting.quarantine_entries WHERE quarantine_id = 'q-1';
            INSERT INTO reporting.quarantine_recipients VALUES ('{Domain}', 'stray@{Domain}', 'q-0', now());
            UPDATE reporting.report_enrollments SET frequency = 'daily', version = 0;
            DELETE FROM reporting.domain_reporting
            """);
        var store = _host.Services.GetRequiredService<IDocumentStore>();
        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var projection in Queries.Keys)
        {
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        var rebuilt = await ReadAllAsync();
        foreach (var projection in Queries.Keys)
        {
            Assert.Equal(inline[projection], rebuilt[projection]);
        }

        // The tables are Marten's schema objects, declared as PostgreSQL reports them: a restart migrates nothing.
        await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
    }

    private async Task<Dictionary<string, List<string>>> ReadAllAsync()
    {
        var rows = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using var data = NpgsqlDataSource.Create(_host.ConnectionString);
        foreach (var (projection, sql) in Queries)
        {
            rows[projection] = [];
            await using var command = data.CreateCommand(sql);
            await using var reader = await command.ExecuteReaderAsync();
            do
            {
                while (await reader.ReadAsync())
                {
                    rows[projection].Add(reader.GetString(0));
                }
            }
            while (await reader.NextResultAsync());
        }

        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var data = NpgsqlDataSource.Create(_host.ConnectionString);
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}

using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Platform.DirectorySync.Sync;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Sync;

/// <summary>Sync duration, failures by error code and changes, as SREs see them: per run, never per domain.</summary>
public sealed class Measuring_syncs : IAsyncLifetime
{
    private const string Domain = "measured.example";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private DomainWithDirectory _domain = null!;

    public async Task InitializeAsync() =>
        _domain = await DomainWithDirectory.StartAsync(Domain);

    public async Task DisposeAsync() => await _domain.DisposeAsync();

    [Fact]
    public async Task Records_a_failed_run_by_its_error_code_and_a_completed_one_with_its_duration_and_changes()
    {
        for (var i = 0; i < 3; i++)
        {
            await _domain.Ldap.AddUserAsync($"user{i}", $"user{i}@{Domain}");
        }

        var meters = _domain.Host.Services.GetRequiredService<IMeterFactory>();
        using var durations = new MetricCollector<double>(meters, "Platform.DirectorySync", SyncMetrics.DurationName);
        using var failures = new MetricCollector<long>(meters, "Platform.DirectorySync", SyncMetrics.FailuresName);
        using var changes = new MetricCollector<long>(meters, "Platform.DirectorySync", SyncMetrics.ChangesName);

        Assert.Equal(HttpStatusCode.OK, (await _domain.Admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", Manual(LdapSubtree.UnusedPort()))).StatusCode);
        var failed = await SyncApi.SyncAsync(_domain.Admin, Domain);
        Assert.Equal(HttpStatusCode.OK, (await _domain.Admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", Manual(LdapSubtree.Port))).StatusCode);
        var completed = await SyncApi.SyncAsync(_domain.Admin, Domain);

        Assert.Equal(("failed", "completed"), (failed["run"]!["status"]!.GetValue<string>(), completed["run"]!["status"]!.GetValue<string>()));
        // Recorded right after each run's last commit, which the history shows.
        await Task.WhenAll(failures.WaitForMeasurementsAsync(1, Timeout), durations.WaitForMeasurementsAsync(2, Timeout), changes.WaitForMeasurementsAsync(1, Timeout));
        var failure = Assert.Single(failures.GetMeasurementSnapshot());
        Assert.Equal(1, failure.Value);
        Assert.Equal(
            new Dictionary<string, object?> { [SyncMetrics.ErrorTag] = "connection_refused", [SyncMetrics.TriggerTag] = "manual", [SyncMetrics.ModeTag] = "full" },
            failure.Tags);
        var runs = durations.GetMeasurementSnapshot();
        Assert.Equal(["completed", "failed"], runs.Select(r => $"{r.Tags[SyncMetrics.OutcomeTag]}").Order(StringComparer.Ordinal));
        Assert.All(runs, r => Assert.InRange(r.Value, 0, 60));
        Assert.Equal("connection_refused", runs.Single(r => Equals(r.Tags[SyncMetrics.OutcomeTag], "failed")).Tags[SyncMetrics.ErrorTag]);
        var added = Assert.Single(changes.GetMeasurementSnapshot());
        Assert.Equal((3, "added"), (added.Value, $"{added.Tags[SyncMetrics.ChangeTag]}"));
        Assert.DoesNotContain(runs.SelectMany(r => r.Tags), t => $"{t.Value}".Contains(Domain, StringComparison.Ordinal));
    }

    /// <summary>The subtree's settings on <paramref name="port"/>, synced only when asked (trigger <c>manual</c>).</summary>
    private JsonObject Manual(int port)
    {
        var settings = _domain.Ldap.Settings(port: port);
        settings["automaticSync"] = false;
        return settings;
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Contracts;
using Platform.Directory;
using Platform.DirectorySync;
using Platform.DirectorySync.Settings;
using Platform.DirectorySync.Sync;
using Marten;
using Platform.Outbox.Store;
using Platform.Security;
using Platform.Security.Secrets;

namespace Platform.Bench.Sync;

/// <summary>
/// The import and the unchanged re-sync through directory-sync's own code: settings saved as the API saves them, a
/// run requested and executed by <see cref="SyncRunner"/> (paged read, diff, users, registry, outbox, history), in a
/// schema of the benchmark's own on the local PostgreSQL.
/// </summary>
internal static class ServiceSync
{
    private const string Domain = BenchDirectory.MailDomain;

    /// <summary>
    /// Two rounds, each in a schema of its own (a fresh service database): the first in a process that has not run
    /// this code yet, the second as a running service would, with its code already compiled. Each figure is the best
    /// of the two, as the raw baseline's is; the rounds are reported too.
    /// </summary>
    public static async Task<SyncFigures> RunAsync(BenchDirectory directory, CancellationToken cancellationToken)
    {
        var rounds = new List<SyncRound>();
        for (var round = 0; round < 2; round++)
        {
            rounds.Add(await RoundAsync(directory, cancellationToken));
        }

        return new SyncFigures(rounds.Min(r => r.ImportedUsers), rounds.Min(r => r.Import), rounds.Min(r => r.Resync), rounds);
    }

    private static async Task<SyncRound> RoundAsync(BenchDirectory directory, CancellationToken cancellationToken)
    {
        var settings = BenchSettings.FromEnvironment();
        var schema = "bench_sync_" + Guid.NewGuid().ToString("N")[..8];
        await using var data = settings.ServiceDataSource();
        var options = PlatformStoreOptions.Create(schema);
        DirectorySyncService.ConfigureStore(options);
        options.Connection(data);
        using var store = new DocumentStore(options);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        try
        {
            var clock = TimeProvider.System;
            var protector = new SecretProtector(new SecretProtectionOptions { EncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
            var domainSettings = new DirectorySettingsService(store, protector, clock);
            var (saved, errors) = SettingsValidation.Validate(new DirectorySettingsDocument
            {
                Kind = "openLdap", Host = BenchDirectory.Host, Port = directory.Port, Security = "starttls",
                CaCertificatePem = directory.CaCertificatePem, BindDn = BenchDirectory.ServiceDn,
                BindPassword = new Secret(directory.ServicePassword.Reveal()), BaseDn = BenchDirectory.BaseDn, AutomaticSync = false,
            });
            if (saved is null)
            {
                throw new InvalidOperationException("The bench directory's settings are invalid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Code}")));
            }

            await domainSettings.SaveAsync(Domain, saved, new Secret(directory.ServicePassword.Reveal()), DomainDirectory.Initial, 0, "bench", cancellationToken);
            using var clients = new DirectoryClientFactory(new DirectoryClientOptions(), egress: BenchEgress.Loopback);
            await using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
            var runner = new SyncRunner(store, data, domainSettings, clients, new SyncWriter(store, data, clock), new SyncLimits(), clock,
                new SyncMetrics(meters.GetRequiredService<IMeterFactory>()), NullLogger<SyncRunner>.Instance);
            var requests = new SyncRequests(store, data, new SyncSignal(), clock);

            var (import, imported, importPeak, starting) = await TimeRunAsync(requests, runner, data, schema, cancellationToken);
            var (resync, _, resyncPeak, _) = await TimeRunAsync(requests, runner, data, schema, cancellationToken);
            return new SyncRound(imported, import, resync, importPeak, resyncPeak, starting);
        }
        finally
        {
            await using var drop = data.CreateCommand($"DROP SCHEMA {schema} CASCADE");
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task<(TimeSpan Elapsed, int Added, long PeakWorkingSet, long StartingWorkingSet)> TimeRunAsync(
        SyncRequests requests, SyncRunner runner, NpgsqlDataSource data, string schema, CancellationToken cancellationToken)
    {
        var (runId, _) = await requests.RequestAsync(Domain, SyncTriggers.Manual, "bench", cancellationToken);
        var starting = PeakWorkingSet.Reset();
        var cpu = CpuMeter.ForBench();
        var cpuBefore = cpu.Read();
        var watch = Stopwatch.StartNew();
        await runner.RunAsync(Domain, runId, SyncTriggers.Manual, null, cancellationToken);
        var elapsed = watch.Elapsed;
        var cpuAfter = cpu.Read();
        var peak = PeakWorkingSet.Read();
        await using var command = data.CreateCommand($"SELECT status, coalesce(added, 0), coalesce(error_code, '') FROM {schema}.sync_runs WHERE run_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetString(0) != "completed")
        {
            throw new InvalidOperationException($"The sync run {reader.GetString(0)}: {reader.GetString(2)}");
        }

        var added = reader.GetInt32(1);
        // CPU per user, beside the time: where a run's time goes, less blurred by other load on the machine.
        Console.WriteLine($"sync run ({(added > 0 ? "import" : "re-sync")}): {elapsed.TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}s, CPU per 1,000 directory users: " +
                          CpuMeter.PerOperation(cpuBefore, cpuAfter, Math.Max(1, await CountAsync(data, schema, cancellationToken) / 1000)));
        return (elapsed, added, peak, starting);
    }

    private static async Task<int> CountAsync(NpgsqlDataSource data, string schema, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"SELECT count(*)::int FROM {schema}.directory_users");
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

using System.Globalization;
using JasperFx.Events.Projections;
using MassTransit;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Outbox.Relay;
using Platform.Outbox.Store;
using Platform.Testing;
using Xunit;

namespace Platform.Outbox.Tests;

/// <summary>
/// An async projection runs in Marten's daemon as every service registers it
/// (<see cref="PlatformMartenExtensions.AddPlatformMarten"/>: hot/cold across replicas): one replica of a service runs
/// it, another takes it over when that one stops, and the daemon of another service on the same database runs beside
/// them. (With the daemon in Marten's Solo mode no replica holds a daemon lock, and the test fails.)
/// </summary>
public sealed class Running_async_projections
{
    [Fact]
    public async Task Runs_in_one_replica_at_a_time_hands_over_when_it_stops_and_leaves_another_services_daemon_running()
    {
        var (schema, other) = ("t_" + Guid.NewGuid().ToString("N")[..12], "t_" + Guid.NewGuid().ToString("N")[..12]);
        // Each replica's PostgreSQL sessions carry its name, unique to this run.
        var (first, second, third) = ("first-" + schema, "second-" + schema, "other-" + other);
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var data = NpgsqlDataSource.Create(Infrastructure.Get("ConnectionStrings:Postgres"));
        var replicas = new List<IHost>();
        try
        {
            foreach (var (name, replicaSchema) in new[] { (first, schema), (second, schema), (third, other) })
            {
                replicas.Add(await StartReplicaAsync(name, replicaSchema, vhost.Name));
            }

            await DepositAsync(replicas[0], 1, 2, 4);
            await DepositAsync(replicas[2], 100);

            Assert.Equal(7m, await BalanceOnceProjectedAsync(replicas[1], 7m));
            Assert.Equal(100m, await BalanceOnceProjectedAsync(replicas[2], 100m));
            var holders = await DaemonHoldersAsync(data, [first, second, third], [schema, other]);
            Assert.Contains(third, holders);
            var running = Assert.Single(holders, h => h == first || h == second);

            var (stopped, taking) = running == first ? (replicas[0], replicas[1]) : (replicas[1], replicas[0]);
            await StopAsync(stopped);
            replicas.Remove(stopped);
            await DepositAsync(taking, 8);

            Assert.Equal(15m, await BalanceOnceProjectedAsync(taking, 15m));
            holders = await DaemonHoldersAsync(data, [first, second, third], [schema, other]);
            Assert.Contains(running == first ? second : first, holders);
            Assert.Contains(third, holders);
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await StopAsync(replica);
            }

            await using var drop = data.CreateCommand($"DROP SCHEMA IF EXISTS {schema}, {other} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A replica of a service reduced to its store, on a data source named after it (its PostgreSQL sessions say which replica they are).</summary>
    private static async Task<IHost> StartReplicaAsync(string name, string schema, string vhost)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["EventStore:Schema"] = schema });
        var connection = new NpgsqlConnectionStringBuilder(Infrastructure.Get("ConnectionStrings:Postgres")) { ApplicationName = name };
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connection.ConnectionString));
        builder.Services.AddMassTransit(bus => bus.UsingRabbitMq((_, rabbit) =>
            rabbit.Host(Infrastructure.Get("RabbitMq:Host"), ushort.Parse(Infrastructure.Get("RabbitMq:Port"), CultureInfo.InvariantCulture), vhost, h =>
            {
                h.Username(Infrastructure.Get("RabbitMq:Username"));
                h.Password(Infrastructure.Get("RabbitMq:Password"));
            })));
        builder.AddPlatformMarten(schema, _ => { }, options =>
        {
            TestEvents.Register(options);
            options.Projections.Add(new AccountProjection(), ProjectionLifecycle.Async);
            // Marten's default is to look for leadership every 5 s; the test need not wait that long.
            options.Projections.LeadershipPollingTime = 250;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task DepositAsync(IHost replica, params decimal[] amounts)
    {
        await using var session = replica.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Events.Append("account/1", [.. amounts.Select(a => (object)new Deposited(a))]);
        await session.SaveChangesAsync();
    }

    private static async Task<decimal?> BalanceOnceProjectedAsync(IHost replica, decimal expected)
    {
        var store = replica.Services.GetRequiredService<IDocumentStore>();
        return await Eventually.Get(async () =>
        {
            await using var query = store.QuerySession();
            return (await query.LoadAsync<Account>("account/1"))?.Balance;
        }, balance => balance == expected);
    }

    /// <summary>
    /// Which of <paramref name="replicas"/> hold an advisory lock other than their outbox relay's
    /// (<see cref="OutboxLeadership"/>): Marten's daemon holds its store's while it runs the projections. The daemon's
    /// key is Marten's own; Marten mixes the schema into it.
    /// </summary>
    private static async Task<IReadOnlyList<string>> DaemonHoldersAsync(NpgsqlDataSource data, string[] replicas, string[] schemas)
    {
        await using var command = data.CreateCommand("""
            SELECT DISTINCT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = ANY($1)
              AND (l.classid::bigint << 32) + l.objid::bigint <> ALL (SELECT hashtext($3 || s)::bigint FROM unnest($2::text[]) s)
            ORDER BY 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = replicas });
        command.Parameters.Add(new NpgsqlParameter { Value = schemas });
        command.Parameters.Add(new NpgsqlParameter { Value = OutboxLeadership.LockKeyPrefix });
        var holders = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            holders.Add(reader.GetString(0));
        }

        return holders;
    }

    private static async Task StopAsync(IHost replica)
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await replica.StopAsync(stopping.Token);
        replica.Dispose();
    }
}

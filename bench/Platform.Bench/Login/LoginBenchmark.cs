using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Auth;
using Platform.Bench.Sync;
using Platform.Contracts;
using Platform.Directory;
using Platform.Directory.Settings;
using Platform.Security.Secrets;
using Platform.ServiceDefaults;

namespace Platform.Bench.Login;

/// <summary>
/// <c>./platform bench login</c>: a private slapd with <see cref="Users"/> users (StartTLS, the local CA), the auth
/// service in this process on a loopback port in a schema of its own, the domain's directory settings delivered to it
/// on the bus as directory-sync sends them. Measured in one run with the same concurrency: logins through
/// <c>POST /v1/login</c> (search + bind through Platform.Directory, the account's state read, the login recorded as
/// events with LoginSucceeded in the outbox, tokens issued) beside the raw directory work of the same logins (search +
/// bind with System.DirectoryServices.Protocols). Best of two rounds each. Last line:
/// <c>login: ours &lt;n&gt;/s p99 &lt;ms&gt; raw &lt;n&gt;/s p99 &lt;ms&gt; ratio &lt;ours/raw&gt;</c>.
/// </summary>
internal static class LoginBenchmark
{
    private const int Users = 10_000;
    private const int Clients = 8;
    private const int Logins = 4_000;

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        try
        {
            return await MeasureAsync(settings);
        }
        catch (BenchmarkInvalidException e)
        {
            await Console.Error.WriteLineAsync("login benchmark invalid: " + e.Message);
            return 1;
        }
    }

    private static async Task<int> MeasureAsync(BenchSettings settings)
    {
        Console.WriteLine($"login benchmark: {Environment.ProcessorCount} cores, {Clients} concurrent clients, {Users} directory users, {Logins} logins per side and round");
        await using var slapd = await BenchSlapd.StartAsync(Users, CancellationToken.None);
        var schema = "bench_login_" + Guid.NewGuid().ToString("N")[..8];
        // A virtual host of its own: on the shared one the bench's auth would take other services' messages.
        await using var vhost = new RabbitMqBenchHost(settings, schema.Replace('_', '-'));
        await vhost.CreateAsync();
        await using var service = await BenchService.StartAsync(schema,
            builder => builder.AddServiceDefaults(AuthService.Name, AuthService.AddConsumers).AddAuth(),
            app => app.MapAuth(),
            // The bench's clients all come from 127.0.0.1: the per-address limit would stop them, not measure logins.
            // Its own schema, created as Development would (Marten applies no schema changes at start-up elsewhere).
            new Dictionary<string, string?>
            {
                ["Auth:Lockout:ClientAttemptsPerMinute"] = "100000000", ["RabbitMq:VirtualHost"] = vhost.Name, ["EventStore:ApplySchemaOnStartup"] = "true",
            });
        try
        {
            await DeliverSettingsAsync(service, slapd.Directory, settings, schema);
            using var raw = new RawLogin(slapd.Directory);
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = service.Address };
            var users = Enumerable.Range(0, Logins).Select(i => 1 + (i * 7919 % Users)).ToArray();
            using var factory = new DirectoryClientFactory(new DirectoryClientOptions(), egress: BenchEgress.Loopback);
            var library = factory.Create(slapd.Directory.Settings);
            (double Rate, TimeSpan P50, TimeSpan P99) ours = default, baseline = default;
            var cpu = CpuMeter.ForBench(("slapd", slapd.Pid));
            for (var round = 0; round < 2; round++)
            {
                var cpu0 = cpu.Read();
                var r = await Measure.RateAndLatencyAsync(Logins, Clients, i => Task.Run(() => raw.Login(BenchDirectory.Uid(users[i]))));
                var cpu1 = cpu.Read();
                // Where the time goes: the directory library's search + bind alone, without the service around it.
                var l = await Measure.RateAndLatencyAsync(Logins, Clients, async i =>
                {
                    var check = await library.VerifyPasswordAsync(BenchDirectory.Uid(users[i]), BenchDirectory.UserPassword);
                    if (!check.IsVerified)
                    {
                        throw new BenchmarkInvalidException($"the library could not verify {BenchDirectory.Uid(users[i])}: {check.Outcome}");
                    }
                });
                var cpu2 = cpu.Read();
                var o = await Measure.RateAndLatencyAsync(Logins, Clients, i => LoginAsync(client, BenchDirectory.Address(users[i])));
                var cpu3 = cpu.Read();
                Console.WriteLine($"round {round + 1}: ours {Measure.Format(o.Rate)}/s p50 {Measure.Milliseconds(o.P50)} ms p99 {Measure.Milliseconds(o.P99)} ms, "
                    + $"library alone {Measure.Format(l.Rate)}/s p50 {Measure.Milliseconds(l.P50)} ms, "
                    + $"raw {Measure.Format(r.Rate)}/s p50 {Measure.Milliseconds(r.P50)} ms p99 {Measure.Milliseconds(r.P99)} ms, "
                    // The sides of one round ran minutes apart at most: on a shared machine this ratio shows the noise.
                    + $"ratio this round {Measure.Ratio(o.Rate / r.Rate)}");
                Console.WriteLine($"round {round + 1} CPU per login: raw: {CpuMeter.PerOperation(cpu0, cpu1, Logins)}; library alone: "
                    + $"{CpuMeter.PerOperation(cpu1, cpu2, Logins)}; ours: {CpuMeter.PerOperation(cpu2, cpu3, Logins)}");
                ours = o.Rate > ours.Rate ? o : ours;
                baseline = r.Rate > baseline.Rate ? r : baseline;
            }

            await CheckRecordedAsync(settings, schema, 2 * Logins);
            Console.WriteLine("raw: search by uid on a kept service connection + bind as the user on a new StartTLS connection (System.DirectoryServices.Protocols)");
            Console.WriteLine("ours: POST /v1/login over HTTP/1.1 keep-alive: the same search + bind, account state read, LoggedIn + session events, LoginSucceeded in the outbox, tokens signed");
            Console.WriteLine($"login: ours {Measure.Format(ours.Rate)}/s p99 {Measure.Milliseconds(ours.P99)} ms raw {Measure.Format(baseline.Rate)}/s p99 "
                + $"{Measure.Milliseconds(baseline.P99)} ms ratio {Measure.Ratio(ours.Rate / baseline.Rate)}");
            return 0;
        }
        finally
        {
            await using var data = NpgsqlDataSource.Create(settings.PostgresConnectionString);
            await using var drop = data.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task DeliverSettingsAsync(BenchService service, BenchDirectory directory, BenchSettings settings, string schema)
    {
        var protector = service.App.Services.GetRequiredService<SecretProtector>();
        var changed = new DirectorySettingsChanged
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = BenchDirectory.MailDomain, Version = 1, Configured = true,
            Kind = "openLdap", Host = BenchDirectory.Host, Port = directory.Port, Security = "starttls", CaCertificatePem = directory.CaCertificatePem,
            BindDn = BenchDirectory.ServiceDn, BaseDn = BenchDirectory.BaseDn,
            ProtectedBindPassword = protector.Protect(directory.ServicePassword.Reveal(), PublishedSettings.PasswordContext(BenchDirectory.MailDomain)),
        };
        await service.App.Services.GetRequiredService<IBus>().Publish(changed);
        await using var data = NpgsqlDataSource.Create(settings.PostgresConnectionString);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var command = data.CreateCommand($"SELECT count(*) FROM {schema}.domain_directories");
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new BenchmarkInvalidException("auth never learned the bench domain's directory settings.");
    }

    private static async Task LoginAsync(HttpClient client, string email)
    {
        using var response = await client.PostAsJsonAsync("/v1/login", new { email, password = BenchDirectory.UserPassword });
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchmarkInvalidException($"login of {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        await response.Content.LoadIntoBufferAsync();
    }

    /// <summary>
    /// Every login the benchmark counted was recorded: its LoggedIn event (committed with its LoginSucceeded message,
    /// which the outbox relay publishes and removes meanwhile).
    /// </summary>
    private static async Task CheckRecordedAsync(BenchSettings settings, string schema, int expected)
    {
        await using var data = NpgsqlDataSource.Create(settings.PostgresConnectionString);
        await using var command = data.CreateCommand($"SELECT count(*) FROM {schema}.mt_events WHERE type = 'logged-in'");
        var events = (long)(await command.ExecuteScalarAsync())!;
        Console.WriteLine($"recorded: {events} LoggedIn events for {expected} logins");
        if (events != expected)
        {
            throw new BenchmarkInvalidException($"{expected} logins but {events} LoggedIn events");
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Npgsql;
using Platform.Auth;
using Platform.Notifications;
using Platform.Reporting;
using Platform.ServiceDefaults;

namespace Platform.Bench.FirstSpam;

/// <summary>
/// <c>./platform bench firstspam [n]</c>: auth, reporting and notifications run in this process on a virtual host of
/// their own, each in its own schema, with an SMTP sink of the benchmark's own as the relay. N SpamQuarantined for N
/// new recipients are published to RabbitMQ as the filter would; measured until the sink has accepted N welcome
/// mails (each: the message recorded, FirstSpamDetected and ReportEnrolled through reporting's outbox, the welcome
/// queued, a login link issued by auth over the bus, the mail rendered, submitted and recorded with
/// WelcomeMessageSent through the outbox). Beside it, the raw baseline: the same N messages published the same way
/// and consumed from a plain queue with nothing but the ack. Last line:
/// <c>firstspam: &lt;n&gt; welcomes in &lt;s&gt;s (&lt;n&gt;/s) raw &lt;n&gt;/s ratio &lt;r&gt; duplicates &lt;d&gt;</c>.
/// </summary>
internal static class FirstSpamBenchmark
{
    private const string Domain = "firstspam.bench.example";

    /// <summary>Welcomes per warm-up round, sent before the measured ones to other recipients.</summary>
    private const int WarmUpRound = 1000;

    /// <summary>
    /// Warm-up rounds go on until the JIT is done (its compile time under this share of a round's time), at most this
    /// many: on two cores the tier-up of a thousand hot methods otherwise runs inside the measured window, and the figure
    /// would be of a process starting, not of the flow.
    /// </summary>
    private const int MaxWarmUpRounds = 6;

    private const double SettledJitShare = 0.02;

    public static async Task<int> RunAsync(string[] args, BenchSettings settings)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        try
        {
            return await MeasureAsync(count, settings);
        }
        catch (BenchmarkInvalidException e)
        {
            await Console.Error.WriteLineAsync("firstspam benchmark invalid: " + e.Message);
            return 1;
        }
    }

    private static async Task<int> MeasureAsync(int count, BenchSettings settings)
    {
        Console.WriteLine($"firstspam benchmark: {Environment.ProcessorCount} cores, {count} new recipients");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await using var vhost = new RabbitMqBenchHost(settings, "bench-firstspam-" + suffix);
        await vhost.CreateAsync();
        await using var sink = await BenchSink.StartAsync();
        var schemas = new[] { "bench_fs_auth_", "bench_fs_reporting_", "bench_fs_notifications_" }.Select(s => s + suffix).ToArray();
        // Each service applies its fresh schema at start-up (BenchService sets it).
        var bus = new Dictionary<string, string?> { ["RabbitMq:VirtualHost"] = vhost.Name };
        try
        {
            await using var auth = await BenchService.StartAsync(schemas[0],
                b => b.AddServiceDefaults(AuthService.Name, AuthService.AddConsumers).AddAuth(), a => a.MapAuth(), bus);
            await using var reporting = await BenchService.StartAsync(schemas[1],
                b => b.AddServiceDefaults(ReportingService.Name, ReportingService.AddConsumers).AddReporting(), a => a.MapReporting(), bus);
            await using var notifications = await BenchService.StartAsync(schemas[2],
                b => b.AddServiceDefaults(NotificationsService.Name, NotificationsService.AddConsumers).AddNotifications(), a => a.MapNotifications(),
                new Dictionary<string, string?>(bus)
                {
                    ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = $"{sink.Port}", ["Notifications:Delivery:BatchSize"] = "50",
                    ["Notifications:Delivery:PollInterval"] = "00:00:00.100",
                });
            await Task.WhenAll(new[] { auth, reporting, notifications }.Select(ReadyAsync));

            var publisher = new SpamPublisher(settings, vhost.Name);
            var bodies = Enumerable.Range(0, count).Select(i => SpamPublisher.Envelope(i, Domain)).ToList();
            var raw = await publisher.PublishAndConsumeAsync(Enumerable.Range(0, count).Select(i => SpamPublisher.Envelope(i, "raw." + Domain)).ToList());

            // What directory-sync would have announced by the time notifications asks for the links (reporting and
            // notifications consume it too, as they would). Before the clock: the registry is not what is measured.
            var round = Math.Min(WarmUpRound, count);
            await publisher.PublishAsync("Platform.Contracts:UserDiscovered", [
                .. Enumerable.Range(0, count).Select(i => SpamPublisher.Discovered(i, Domain)),
                .. Enumerable.Range(0, round * MaxWarmUpRounds).Select(i => SpamPublisher.Discovered(i, "warmup." + Domain))]);
            await KnownAsync(settings, schemas[0], count + (round * MaxWarmUpRounds));

            // Warm-up: the services' code paths compiled and their connections open before the clock starts.
            var (warmUp, rounds, jitShare) = (0, 0, 1.0);
            while (rounds < MaxWarmUpRounds && jitShare > SettledJitShare)
            {
                var (jitBefore, roundWatch) = (JitInfo.GetCompilationTime(), Stopwatch.StartNew());
                await publisher.PublishAsync("Platform.Contracts:SpamQuarantined",
                    Enumerable.Range(warmUp, round).Select(i => SpamPublisher.Envelope(i, "warmup." + Domain)).ToList());
                (warmUp, rounds) = (warmUp + round, rounds + 1);
                await WaitForAsync(sink, warmUp);
                jitShare = (JitInfo.GetCompilationTime() - jitBefore) / roundWatch.Elapsed;
            }

            var cpu = CpuMeter.ForBench();
            var cpuBefore = cpu.Read();
            var jitAtStart = JitInfo.GetCompilationTime();
            var watch = Stopwatch.StartNew();
            await publisher.PublishAsync("Platform.Contracts:SpamQuarantined", bodies);
            var published = watch.Elapsed;
            await WaitForAsync(sink, warmUp + count);
            var elapsed = watch.Elapsed;
            var cpuAfter = cpu.Read();
            var jitInWindow = JitInfo.GetCompilationTime() - jitAtStart;
            await Task.Delay(TimeSpan.FromSeconds(2)); // room for a duplicate to show up
            var perRecipient = sink.PerRecipient();
            var duplicates = perRecipient.Values.Sum(n => n - 1);
            if (perRecipient.Count != warmUp + count)
            {
                throw new BenchmarkInvalidException($"{perRecipient.Count} recipients got a welcome, not {warmUp} + {count}.");
            }

            var (ours, baseline) = (count / elapsed.TotalSeconds, count / raw.TotalSeconds);
            Console.WriteLine($"raw: {count} SpamQuarantined published (confirms, window {SpamPublisher.Window}) and consumed with an ack each in {raw.TotalSeconds:F2}s");
            Console.WriteLine($"CPU per welcome: {CpuMeter.PerOperation(cpuBefore, cpuAfter, count)} (the bench process holds the services and the SMTP sink)");
            Console.WriteLine(FormattableString.Invariant(
                $"warm-up: {warmUp} welcomes to other recipients in {rounds} round(s) before the clock started; JIT {jitShare:P1} of the last round's time"));
            Console.WriteLine(FormattableString.Invariant(
                $"JIT during the measured window: {jitInWindow.TotalMilliseconds:F0} ms ({jitInWindow / elapsed:P1} of it)"));
            Console.WriteLine($"ours: published in {published.TotalSeconds:F2}s, {count} welcome mails accepted by the SMTP sink after {elapsed.TotalSeconds:F2}s");
            Console.WriteLine(FormattableString.Invariant(
                $"firstspam: {count} welcomes in {elapsed.TotalSeconds:F2}s ({Measure.Format(ours)}/s) raw {Measure.Format(baseline)}/s ratio {Measure.Ratio(ours / baseline)} duplicates {duplicates}"));
            return 0;
        }
        finally
        {
            await using var data = NpgsqlDataSource.Create(settings.PostgresConnectionString);
            foreach (var schema in schemas)
            {
                await using var drop = data.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private static async Task KnownAsync(BenchSettings settings, string authSchema, int users)
    {
        await using var data = NpgsqlDataSource.Create(settings.PostgresConnectionString);
        await using var command = data.CreateCommand($"SELECT count(*) FROM {authSchema}.mt_doc_account WHERE (data ->> 'known')::boolean");
        var deadline = Stopwatch.StartNew();
        while ((long)(await command.ExecuteScalarAsync())! < users)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new BenchmarkInvalidException($"auth did not learn of {users} users from UserDiscovered in time.");
            }

            await Task.Delay(200);
        }
    }

    private static async Task WaitForAsync(BenchSink sink, int mails)
    {
        var progress = Stopwatch.StartNew();
        for (var last = -1; sink.Count() is var now && now < mails;)
        {
            if (now > last)
            {
                (last, progress) = (now, Stopwatch.StartNew());
            }
            else if (progress.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new BenchmarkInvalidException($"only {now} of {mails} welcomes arrived; none for a minute.");
            }

            await Task.Delay(50);
        }
    }

    private static async Task ReadyAsync(BenchService service)
    {
        using var client = new HttpClient { BaseAddress = service.Address };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new BenchmarkInvalidException($"{service.Address} never became ready.");
    }
}

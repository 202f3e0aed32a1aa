using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Platform.Bench.ColdStart;

/// <summary>
/// Each service started as <c>./platform up</c> starts it — <c>dotnet</c> on its dll, Development, a schema and a
/// virtual host of its own, so that its start applies a whole fresh schema — timed from process start to its first
/// 200 on <c>/health/ready</c>; beside the raw baseline of the .NET runtime's own cold start (this benchmark's
/// executable started to do nothing), measured in the same run. Issue 18's target: every service under 10 s.
/// </summary>
internal static class ColdStartBenchmark
{
    private static readonly string[] Services = ["Platform.Auth", "Platform.DirectorySync", "Platform.Notifications", "Platform.Reporting"];
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var raw = await RuntimeStartAsync();
        var figures = new List<(string Service, TimeSpan Ready)>();
        await using var vhost = new RabbitMqBenchHost(settings, "bench-" + Guid.NewGuid().ToString("N")[..8]);
        await vhost.CreateAsync();
        foreach (var service in Services)
        {
            var schema = "bench_cold_" + Guid.NewGuid().ToString("N")[..8];
            try
            {
                var ready = await StartToReadyAsync(service, schema, vhost.Name);
                figures.Add((service, ready));
                Console.WriteLine($"{service}: ready in {Seconds(ready)} s (fresh schema {schema})");
            }
            finally
            {
                await DropSchemaAsync(settings, schema);
            }
        }

        var worst = figures.MaxBy(f => f.Ready);
        Console.WriteLine(
            $"coldstart: worst {worst.Service} {Seconds(worst.Ready)} s raw {Seconds(raw)} s ratio {Measure.Ratio(worst.Ready / raw)}; " +
            string.Join(", ", figures.Select(f => $"{f.Service.Replace("Platform.", "", StringComparison.Ordinal)} {Seconds(f.Ready)} s")));
        return worst.Ready < TimeSpan.FromSeconds(10) ? 0 : 1;
    }

    /// <summary>The runtime's own cold start: this executable started with nothing to do, to its exit.</summary>
    private static async Task<TimeSpan> RuntimeStartAsync()
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("dotnet", [typeof(ColdStartBenchmark).Assembly.Location, "noop"]))!;
        await process.WaitForExitAsync();
        return watch.Elapsed;
    }

    private static async Task<TimeSpan> StartToReadyAsync(string service, string schema, string vhost)
    {
        var dll = Path.Combine(Path.GetDirectoryName(typeof(ColdStartBenchmark).Assembly.Location)!, service + ".dll");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["EventStore__Schema"] = schema;
        start.Environment["RabbitMq__VirtualHost"] = vhost;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var ready = new Uri($"http://127.0.0.1:{port}/health/ready");
            while (watch.Elapsed < Limit)
            {
                if (process.HasExited)
                {
                    throw new BenchmarkInvalidException($"{service} exited with {process.ExitCode} before it was ready.");
                }

                try
                {
                    using var response = await http.GetAsync(ready);
                    if (response.IsSuccessStatusCode)
                    {
                        return watch.Elapsed;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }

                await Task.Delay(20);
            }

            throw new BenchmarkInvalidException($"{service} was not ready within {Limit}.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task DropSchemaAsync(BenchSettings settings, string schema)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(settings.PostgresConnectionString);
        await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Platform.Demo.Story;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// auth, directory-sync, notifications and reporting, each its own process as <c>./platform up</c> starts them, in a
/// database, a RabbitMQ virtual host and an SMTP sink of the test's own, exporting their traces to the test's OTLP
/// receiver. Reporting runs on the test clock (Development only), which the story moves to let a report period pass.
/// </summary>
internal sealed class RunningPlatform : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public RabbitMqVirtualHost Bus { get; private set; } = null!;

    public PrivateSmtpSink Sink { get; private set; } = null!;

    public OtlpReceiver Otlp { get; private set; } = null!;

    public Dictionary<string, ServiceProcess> Services { get; } = new(StringComparer.Ordinal);

    public PlatformEndpoints Endpoints => new(
        Services["auth"].Address, Services["directory-sync"].Address, Services["notifications"].Address, Services["reporting"].Address);

    public static async Task<RunningPlatform> StartAsync()
    {
        var platform = new RunningPlatform();
        try
        {
            await platform.StartServicesAsync();
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>The last lines each service printed, for a failure message.</summary>
    public string Logs(int lines = 25) => string.Join('\n', Services.Select(s => $"--- {s.Key}\n" + string.Join('\n', s.Value.Output.TakeLast(lines))));

    public async ValueTask DisposeAsync()
    {
        // Services first (they flush their telemetry on the way out), then what they used.
        await Task.WhenAll(Services.Values.Select(s => s.DisposeAsync().AsTask()));
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }

    private async Task StartServicesAsync()
    {
        Bus = Own(await RabbitMqVirtualHost.CreateAsync());
        var database = Own(await PostgresDatabase.CreateAsync());
        Sink = Own(await PrivateSmtpSink.StartAsync());
        Otlp = Own(await OtlpReceiver.StartAsync());
        var common = ServiceProcess.Environment(Bus, database);
        common["OTEL_EXPORTER_OTLP_ENDPOINT"] = Otlp.Endpoint;
        common["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        common["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        common["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
        common["OTEL_METRIC_EXPORT_INTERVAL"] = "60000";

        Start("auth", "Platform.Auth", common, []);
        Start("directory-sync", "Platform.DirectorySync", common, new() { ["DirectorySync__SchedulerInterval"] = "00:00:01" });
        Start("notifications", "Platform.Notifications", common, new()
        {
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = Sink.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp__Security"] = "none",
            ["Notifications__Delivery__PollInterval"] = "00:00:00.200",
        });
        Start("reporting", "Platform.Reporting", common, new()
        {
            ["Platform__TestClock__Enabled"] = "true",
            ["Reporting__Schedule__Interval"] = "00:00:01",
        });
        await Task.WhenAll(Services.Values.Select(s => s.WaitUntilReady(TimeSpan.FromSeconds(120))));
    }

    private void Start(string name, string project, Dictionary<string, string> common, Dictionary<string, string> own)
    {
        var environment = new Dictionary<string, string>(common, StringComparer.Ordinal);
        foreach (var (key, value) in own)
        {
            environment[key] = value;
        }

        Services[name] = ServiceProcess.Start(project, environment);
    }

    private T Own<T>(T resource)
        where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }
}

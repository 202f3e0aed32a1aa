using System.Globalization;
using Platform.Testing;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// The four services and the panel, each its own process as <c>./platform up</c> starts them, in a database, a
/// RabbitMQ virtual host and an SMTP sink of their own; auth's login links point at the panel. Shared by the browser
/// tests, each of which brings its own domain and LDAP subtree.
/// </summary>
public sealed class RunningPanel : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    public Dictionary<string, ServiceProcess> Services { get; } = new(StringComparer.Ordinal);

    public RabbitMqVirtualHost Bus { get; private set; } = null!;

    public PrivateSmtpSink Sink { get; private set; } = null!;

    public Uri Panel => Services["panel"].Address;

    public Uri Auth => Services["auth"].Address;

    public Uri DirectorySync => Services["directory-sync"].Address;

    public Uri Reporting => Services["reporting"].Address;

    public Uri Notifications => Services["notifications"].Address;

    public async Task InitializeAsync()
    {
        Bus = Own(await RabbitMqVirtualHost.CreateAsync());
        var database = Own(await PostgresDatabase.CreateAsync());
        Sink = Own(await PrivateSmtpSink.StartAsync());
        var common = ServiceProcess.Environment(Bus, database);
        // auth's links point at the panel and the panel calls all four services: every port is chosen before any
        // process starts, all different.
        var ports = new HashSet<int>();
        while (ports.Count < 5)
        {
            ports.Add(Shell.FreePort());
        }

        var (panelPort, authPort, syncPort, notificationsPort, reportingPort) = (ports.ElementAt(0), ports.ElementAt(1), ports.ElementAt(2), ports.ElementAt(3), ports.ElementAt(4));
        // Every test signs in from 127.0.0.1, and how many sign-ins fall in a minute (or wrong passwords in ten) depends
        // on the machine's speed: auth's limits per client address would refuse the suite's later sign-ins on a fast
        // run. They are auth's to test (Answering_clients_past_their_attempts, Resisting_brute_force), not the pages'.
        Start("auth", "Platform.Auth", common, new()
        {
            ["Auth__LoginLinks__BaseUrl"] = $"http://127.0.0.1:{panelPort}/login/link",
            ["Auth__Lockout__ClientAttemptsPerMinute"] = "100000",
            ["Auth__Lockout__ClientFailuresAllowed"] = "100000",
        }, authPort);
        Start("reporting", "Platform.Reporting", common, [], reportingPort);
        Start("directory-sync", "Platform.DirectorySync", common, [], syncPort);
        Start("notifications", "Platform.Notifications", common, new()
        {
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = Sink.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp__Security"] = "none",
            ["Notifications__Delivery__PollInterval"] = "00:00:00.200",
        }, notificationsPort);
        Start("panel", "Platform.Panel", common, new()
        {
            ["Panel__Services__Auth"] = $"http://127.0.0.1:{authPort}",
            ["Panel__Services__DirectorySync"] = $"http://127.0.0.1:{syncPort}",
            ["Panel__Services__Notifications"] = $"http://127.0.0.1:{notificationsPort}",
            ["Panel__Services__Reporting"] = $"http://127.0.0.1:{reportingPort}",
        }, panelPort);
        await Task.WhenAll(Services.Values.Select(s => s.WaitUntilReady(TimeSpan.FromSeconds(120))));
    }

    /// <summary>The last lines each service printed, for a failure message.</summary>
    public string Logs(int lines = 25) => string.Join('\n', Services.Select(s => $"--- {s.Key}\n" + string.Join('\n', s.Value.Output.TakeLast(lines))));

    public async Task DisposeAsync()
    {
        await Task.WhenAll(Services.Values.Select(s => s.DisposeAsync().AsTask()));
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }

    private void Start(string name, string project, Dictionary<string, string> common, Dictionary<string, string> own, int? port = null)
    {
        var environment = new Dictionary<string, string>(common, StringComparer.Ordinal);
        foreach (var (key, value) in own)
        {
            environment[key] = value;
        }

        Services[name] = ServiceProcess.Start(project, environment, port);
    }

    private T Own<T>(T resource)
        where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }
}

[CollectionDefinition(Name)]
public sealed class PanelCollection : ICollectionFixture<RunningPanel>
{
    public const string Name = "the running panel";
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Platform.Testing;

/// <summary>
/// A Platform service run as its own process the way <c>./platform up</c> runs it — <c>dotnet</c> on the dll as built
/// (the test's own configuration), the environment of <c>.platform/env</c> — on a free loopback port.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(string project, Process process, int port)
    {
        Project = project;
        _process = process;
        Port = port;
    }

    public string Project { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public int ProcessId => _process.Id;

    /// <summary>Every line the service printed (JSON logs), for a failing test to show.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>
    /// The environment <c>./platform up</c> gives a service — every value of <c>.platform/env</c> not already in this
    /// process's environment — with the test's own virtual host and database, in the Development environment.
    /// </summary>
    public static Dictionary<string, string> Environment(RabbitMqVirtualHost vhost, PostgresDatabase database)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(Infrastructure.EnvFilePath))
        {
            foreach (var (key, value) in EnvFile.Parse(File.ReadAllLines(Infrastructure.EnvFilePath)))
            {
                if (System.Environment.GetEnvironmentVariable(key) is null)
                {
                    environment[key] = value;
                }
            }
        }

        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["RabbitMq__VirtualHost"] = vhost.Name;
        environment["ConnectionStrings__Postgres"] = database.ConnectionString;
        environment.TryAdd("Egress__AllowedNetworks", Infrastructure.AllowedNetworks);
        return environment;
    }

    /// <summary>The service in the test's own virtual host and database, with <paramref name="settings"/> over <see cref="Environment"/>'s.</summary>
    public static ServiceProcess Start(string project, RabbitMqVirtualHost vhost, PostgresDatabase database, IReadOnlyDictionary<string, string> settings)
    {
        var environment = Environment(vhost, database);
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return Start(project, environment);
    }

    /// <summary>
    /// Where the service's dll is: the services are built in the configuration the tests are
    /// (artifacts/bin/&lt;project&gt;/&lt;configuration&gt;/), by a ProjectReference with ReferenceOutputAssembly=false.
    /// </summary>
    public static string Dll(string project) =>
        Path.Combine(RepositoryRoot.Path, "artifacts", "bin", project, new DirectoryInfo(AppContext.BaseDirectory).Name, project + ".dll");

    /// <param name="project">The service's project (and dll) name, e.g. <c>Platform.Auth</c>.</param>
    /// <param name="port">Its port, when another service must know it before it starts (e.g. auth's links to the panel).</param>
    public static ServiceProcess Start(string project, IReadOnlyDictionary<string, string> environment, int? port = null)
    {
        port ??= Shell.FreePort();
        var dll = Dll(project);
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: the test project must reference {project} (ReferenceOutputAssembly=false) so it is built.");
        }

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var service = new ServiceProcess(project, Process.Start(start)!, port.Value);
        service._process.OutputDataReceived += (_, e) => service.Collect(e.Data);
        service._process.ErrorDataReceived += (_, e) => service.Collect(e.Data);
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        return service;
    }

    public async Task WaitUntilReady(TimeSpan? timeout = null)
    {
        using var http = new HttpClient();
        var status = await Eventually.Get(
            async () =>
            {
                if (_process.HasExited)
                {
                    return HttpStatusCode.Gone;
                }

                try
                {
                    return (await http.GetAsync(new Uri(Address, "/health/ready"))).StatusCode;
                }
                catch (HttpRequestException)
                {
                    return HttpStatusCode.ServiceUnavailable;
                }
            },
            s => s is HttpStatusCode.OK or HttpStatusCode.Gone,
            timeout ?? TimeSpan.FromSeconds(90));
        if (status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{Project} not ready ({status}):\n" + string.Join('\n', Output.TakeLast(60)));
        }
    }

    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>Stops the service as <c>./platform up</c> does: SIGTERM (it drains and flushes its telemetry), SIGKILL after 40 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(40));
            }
            catch (TimeoutException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            Output.Enqueue(line);
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Platform.Testing;

namespace Platform.ServiceDefaults.Tests;

/// <summary>The auth service (as built for the tests) run as its own process against the real infrastructure.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public ConcurrentQueue<string> Output { get; } = new();

    public static ServiceProcess Start(RabbitMqVirtualHost vhost, PostgresDatabase database, IDictionary<string, string> environment)
    {
        var port = FreePort();
        var dll = Path.Combine(RepositoryRoot.Path, "artifacts", "bin", "Platform.Auth", "debug", "Platform.Auth.dll");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["RabbitMq__Host"] = Infrastructure.Get("RabbitMq:Host");
        start.Environment["RabbitMq__Port"] = Infrastructure.Get("RabbitMq:Port");
        start.Environment["RabbitMq__Username"] = Infrastructure.Get("RabbitMq:Username");
        start.Environment["RabbitMq__Password"] = Infrastructure.Get("RabbitMq:Password");
        start.Environment["RabbitMq__VirtualHost"] = vhost.Name;
        start.Environment["ConnectionStrings__Postgres"] = database.ConnectionString;
        foreach (var key in (string[])["Auth:Issuer", "Auth:Audience", "Auth:ValidationKeys:0", "Auth:SigningKey", "Secrets:EncryptionKey"])
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = Infrastructure.Get(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var service = new ServiceProcess(Process.Start(start)!, port);
        service._process.OutputDataReceived += (_, e) => service.Collect(e.Data);
        service._process.ErrorDataReceived += (_, e) => service.Collect(e.Data);
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        return service;
    }

    public async Task WaitUntilReady()
    {
        using var http = new HttpClient();
        var status = await Eventually.Get(
            async () =>
            {
                try
                {
                    return (await http.GetAsync($"http://127.0.0.1:{Port}/health/ready")).StatusCode;
                }
                catch (HttpRequestException)
                {
                    return HttpStatusCode.ServiceUnavailable;
                }
            },
            s => s == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60));
        if (status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException("Service not ready:\n" + string.Join('\n', Output));
        }
    }

    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(40));
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

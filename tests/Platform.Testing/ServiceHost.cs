using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// One Platform service hosted in the test process against the real RabbitMQ and PostgreSQL, in a virtual host and
/// a database of its own. Settings can be overridden per test (e.g. a wrong port to provoke a failure).
/// </summary>
public class ServiceHost<TProgram> : WebApplicationFactory<TProgram>, IAsyncLifetime
    where TProgram : class
{
    private readonly Dictionary<string, string?> _overrides = new(StringComparer.Ordinal);
    private readonly List<Action<IServiceCollection>> _services = [];
    private RabbitMqVirtualHost? _virtualHost;
    private PostgresDatabase? _database;
    private bool _stopped;

    public string VirtualHost => _virtualHost?.Name ?? throw new InvalidOperationException("Not initialized.");

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>Sets a configuration value (":"-separated key) before the host starts.</summary>
    public ServiceHost<TProgram> With(string key, string? value)
    {
        _overrides[key] = value;
        return this;
    }

    /// <summary>Replaces or adds services after the service's own registrations (e.g. a <see cref="ManualClock"/>).</summary>
    public ServiceHost<TProgram> WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public virtual async Task InitializeAsync()
    {
        _virtualHost = await RabbitMqVirtualHost.CreateAsync();
        _database = await PostgresDatabase.CreateAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>A host whose virtual host and database exist; settings may still be overridden until first use.</summary>
    public static async Task<ServiceHost<TProgram>> CreateAsync()
    {
        var host = new ServiceHost<TProgram>();
        await host.InitializeAsync();
        return host;
    }

    /// <summary>A host on a virtual host shared with other services of the test, so they exchange messages.</summary>
    public static async Task<ServiceHost<TProgram>> StartOnAsync(RabbitMqVirtualHost bus)
    {
        var host = await CreateAsync();
        host.With("RabbitMq:VirtualHost", bus.Name);
        await host.WaitUntilReadyAsync();
        return host;
    }

    /// <summary>Waits until /health/ready answers 200 (the bus connected, the database reachable).</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var client = CreateClient();
        var status = await Eventually.Get(async () => (await client.GetAsync("/health/ready")).StatusCode, s => s == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>Stops the service, as a crash or a deployment would, keeping its database and virtual host for a successor.</summary>
    public async Task StopServiceAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await base.DisposeAsync();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await StopServiceAsync();
        GC.SuppressFinalize(this);
        if (_virtualHost is not null)
        {
            await _virtualHost.DisposeAsync();
            _virtualHost = null;
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["RabbitMq:Host"] = Infrastructure.Get("RabbitMq:Host"),
            ["RabbitMq:Port"] = Infrastructure.Get("RabbitMq:Port"),
            ["RabbitMq:Username"] = Infrastructure.Get("RabbitMq:Username"),
            ["RabbitMq:Password"] = Infrastructure.Get("RabbitMq:Password"),
            ["RabbitMq:VirtualHost"] = VirtualHost,
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["Auth:Issuer"] = Infrastructure.Get("Auth:Issuer"),
            ["Auth:Audience"] = Infrastructure.Get("Auth:Audience"),
            ["Auth:ValidationKeys:0"] = Infrastructure.Get("Auth:ValidationKeys:0"),
            ["Auth:SigningKey"] = Infrastructure.Get("Auth:SigningKey"),
            ["Secrets:EncryptionKey"] = Infrastructure.Get("Secrets:EncryptionKey"),
            ["Egress:AllowedNetworks"] = Infrastructure.AllowedNetworks,
        };
        foreach (var (key, value) in _overrides)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var configure in _services)
        {
            builder.ConfigureTestServices(configure);
        }
    }
}

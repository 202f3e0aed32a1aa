using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Messaging;
using Platform.Testing;

namespace Platform.Messaging.Tests.Queues;

/// <summary>
/// A process with the platform's bus (AddPlatformBus) and one test consumer, in a virtual host of its own, connected
/// through a proxy the consumer can cut.
/// </summary>
internal sealed class PoisonBus : IAsyncDisposable
{
    public const string ServiceName = "poison";

    private readonly WebApplication _app;
    private readonly RabbitMqVirtualHost _virtualHost;

    private PoisonBus(WebApplication app, RabbitMqVirtualHost virtualHost, Deliveries deliveries)
    {
        _app = app;
        _virtualHost = virtualHost;
        Deliveries = deliveries;
    }

    public Deliveries Deliveries { get; }

    public string VirtualHost => _virtualHost.Name;

    public IBus Bus => _app.Services.GetRequiredService<IBus>();

    public static async Task<PoisonBus> StartAsync<TConsumer>(params (string Key, string Value)[] settings)
        where TConsumer : class, IConsumer
    {
        var virtualHost = await RabbitMqVirtualHost.CreateAsync();
        var proxy = TcpProxy.Start(Infrastructure.Get("RabbitMq:Host"), int.Parse(Infrastructure.Get("RabbitMq:Port"), System.Globalization.CultureInfo.InvariantCulture));
        var deliveries = new Deliveries(proxy);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["RabbitMq:Host"] = Infrastructure.Get("RabbitMq:Host");
        builder.Configuration["RabbitMq:Port"] = proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["RabbitMq:Username"] = Infrastructure.Get("RabbitMq:Username");
        builder.Configuration["RabbitMq:Password"] = Infrastructure.Get("RabbitMq:Password");
        builder.Configuration["RabbitMq:VirtualHost"] = virtualHost.Name;
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.Services.AddSingleton(deliveries);
        builder.AddPlatformBus(ServiceName, bus => bus.AddConsumer<TConsumer>());
        var app = builder.Build();
        var bus = new PoisonBus(app, virtualHost, deliveries);
        try
        {
            await app.StartAsync();
            await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
            return bus;
        }
        catch
        {
            await bus.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Deliveries.Proxy.DisposeAsync();
        await _virtualHost.DisposeAsync();
    }
}

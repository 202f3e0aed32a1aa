extern alias auth;

using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.Notifications.Tests;

/// <summary>
/// The notifications service under test with auth beside it on one virtual host (auth issues the login links), and a
/// stand-in for directory-sync's registry: auth issues links only for users the registry announced, so every
/// recipient of a first spam or a report is announced (UserDiscovered), as the registry does.
/// </summary>
internal sealed class NotificationsHost : IAsyncDisposable
{
    private NotificationsHost(RabbitMqVirtualHost bus, ServiceHost<auth::Program> auth, ServiceHost<Program> service)
    {
        Bus = bus;
        Auth = auth;
        Service = service;
    }

    public RabbitMqVirtualHost Bus { get; }

    public ServiceHost<auth::Program> Auth { get; }

    public ServiceHost<Program> Service { get; }

    /// <param name="configure">Settings of the notifications service, before it starts.</param>
    public static async Task<NotificationsHost> StartAsync(Action<ServiceHost<Program>>? configure = null)
    {
        var bus = await RabbitMqVirtualHost.CreateAsync();
        var auth = await ServiceHost<auth::Program>.StartOnAsync(bus);
        await AnnounceRecipientsAsync(auth);
        var service = await ServiceHost<Program>.CreateAsync();
        Relay(service.With("RabbitMq:VirtualHost", bus.Name));
        configure?.Invoke(service);
        await service.WaitUntilReadyAsync();
        return new NotificationsHost(bus, auth, service);
    }

    /// <summary>A second replica of the notifications service on the same database and bus.</summary>
    public async Task<ServiceHost<Program>> ReplicaAsync(Action<ServiceHost<Program>>? configure = null)
    {
        var replica = await ServiceHost<Program>.CreateAsync();
        Relay(replica.With("ConnectionStrings:Postgres", Service.ConnectionString).With("RabbitMq:VirtualHost", Bus.Name));
        configure?.Invoke(replica);
        await replica.WaitUntilReadyAsync();
        return replica;
    }

    private static async Task AnnounceRecipientsAsync(ServiceHost<auth::Program> auth)
    {
        var bus = auth.Services.GetRequiredService<IBus>();
        var registry = bus.ConnectReceiveEndpoint("test-registry-" + Guid.NewGuid().ToString("N")[..8], e =>
        {
            e.Handler<FirstSpamDetected>(c => c.Publish(Discovered(c.Message.Domain, c.Message.Email)));
            e.Handler<PeriodicReportReady>(c => c.Publish(Discovered(c.Message.Domain, c.Message.Email)));
        });
        await registry.Ready;
    }

    private static UserDiscovered Discovered(string domain, string email) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = domain, Email = email, Source = UserSources.FirstSpam,
    };

    /// <summary>The shared SMTP sink as the relay, short waits between attempts and looks.</summary>
    private static void Relay(ServiceHost<Program> host) => host
        .With("Smtp:Host", Infrastructure.Get("Smtp:Host")).With("Smtp:Port", Infrastructure.Get("Smtp:Port"))
        .With("Notifications:Delivery:PollInterval", "00:00:00.200").With("Notifications:Delivery:InitialBackoff", "00:00:00.200")
        .With("Notifications:Delivery:MaxBackoff", "00:00:01").With("Notifications:Delivery:Lease", "00:00:05");

    public Task<List<JsonNode>> OutboxAsync(string type) => OutboxMessages.ReadAsync(Service.ConnectionString, "notifications", type);

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Auth.DisposeAsync();
        await Bus.DisposeAsync();
    }
}

internal static class ServiceHostQueries
{
    /// <summary>How many events and outbox messages of the service's schema contain <paramref name="text"/>.</summary>
    public static async Task<long> CountTextAsync(this ServiceHost<Program> host, string schema, string text)
    {
        await using var data = Npgsql.NpgsqlDataSource.Create(host.ConnectionString);
        await using var command = data.CreateCommand(
            $"SELECT (SELECT count(*) FROM {schema}.mt_events WHERE data::text LIKE $1) + (SELECT count(*) FROM {schema}.outbox WHERE body::text LIKE $1)");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = "%" + text + "%" });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

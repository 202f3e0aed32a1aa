extern alias auth;
extern alias directorysync;
extern alias notifications;
extern alias reporting;

using System.Text;
using Platform.Contracts;
using Platform.Testing;
using RabbitMQ.Client;
using Xunit;

namespace Platform.Messaging.Tests;

/// <summary>
/// Every service on its own RabbitMQ user with the permissions of infra/rabbitmq/permissions, and the filter on its
/// user: the first-spam flow still ends in a welcome mail with a working link, while the filter is refused by the
/// broker when it publishes a command or settings.
/// </summary>
public sealed class Keeping_to_bus_permissions
{
    [Fact]
    public async Task Lets_each_service_do_its_work_and_refuses_the_filter_anything_but_SpamQuarantined()
    {
        var domain = $"bus{Guid.NewGuid():N}"[..14] + ".example";
        var user = $"nia@{domain}";
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var users = await BusUsers.CreateAsync(vhost);
        await using var authHost = await StartAsync<auth::Program>(vhost, users, "auth");
        await using var directorySync = await StartAsync<directorysync::Program>(vhost, users, "directory-sync");
        await using var reportingHost = await StartAsync<reporting::Program>(vhost, users, "reporting");
        await using var notificationsHost = await ServiceHost<notifications::Program>.CreateAsync();
        users.As(notificationsHost, "notifications").With("RabbitMq:VirtualHost", vhost.Name).With("Smtp:Host", Infrastructure.Get("Smtp:Host"))
            .With("Smtp:Port", Infrastructure.Get("Smtp:Port")).With("Notifications:Delivery:PollInterval", "00:00:00.200");
        await notificationsHost.WaitUntilReadyAsync();

        await using var filter = await ConnectAsync(vhost, users["filter"]);
        var spam = RawRabbitMq.SpamQuarantined(domain, user, "q-1");
        var quarantined = await PublishAsync(filter, nameof(SpamQuarantined), spam.ToJsonString());
        var issueLink = await PublishAsync(filter, nameof(IssueLoginLink),
            $$"""{"domain":"{{domain}}","email":"{{user}}","purpose":"login"}""");
        var settings = await PublishAsync(filter, nameof(DirectorySettingsChanged),
            $$"""{"eventId":"{{Guid.NewGuid()}}","occurredAt":"{{DateTimeOffset.UtcNow:O}}","domain":"{{domain}}","version":99,"configured":true,"host":"192.0.2.66"}""");
        await Eventually.Get(() => Task.FromResult(SinkMail.To(user).Count), n => n > 0, TimeSpan.FromSeconds(90));
        var welcome = Assert.Single(SinkMail.To(user));

        Assert.Null(quarantined);
        Assert.Equal(403, issueLink);
        Assert.Equal(403, settings);
        Assert.Contains("token=", welcome.Text, StringComparison.Ordinal);
    }

    private static async Task<ServiceHost<T>> StartAsync<T>(RabbitMqVirtualHost vhost, BusUsers users, string user)
        where T : class
    {
        var host = await ServiceHost<T>.CreateAsync();
        users.As(host, user).With("RabbitMq:VirtualHost", vhost.Name);
        await host.WaitUntilReadyAsync();
        return host;
    }

    private static async Task<IConnection> ConnectAsync(RabbitMqVirtualHost vhost, (string Name, string Password) user) =>
        await new ConnectionFactory
        {
            HostName = Infrastructure.Get("RabbitMq:Host"), Port = int.Parse(Infrastructure.Get("RabbitMq:Port"), System.Globalization.CultureInfo.InvariantCulture),
            VirtualHost = vhost.Name, UserName = user.Name, Password = user.Password,
        }.CreateConnectionAsync();

    /// <summary>Publishes a MassTransit envelope with publisher confirms; null when confirmed, else the broker's reply code.</summary>
    private static Task<int?> PublishAsync(IConnection connection, string contract, string message)
    {
        var id = Guid.NewGuid();
        var body = Encoding.UTF8.GetBytes(
            $$"""{"messageId":"{{id}}","messageType":["urn:message:Platform.Contracts:{{contract}}"],"message":{{message}}}""");
        return AmqpPublishing.PublishAsync(connection, contract, body,
            new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = id.ToString() });
    }
}

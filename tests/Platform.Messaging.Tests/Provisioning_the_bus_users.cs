using System.Text;
using Platform.Testing;
using RabbitMQ.Client;
using Xunit;

namespace Platform.Messaging.Tests;

/// <summary>The local infrastructure (infra/lib/rabbitmq.sh) creates the users of infra/rabbitmq/permissions and writes them to .platform/env.</summary>
public sealed class Provisioning_the_bus_users
{
    [Fact]
    public async Task Gives_each_service_and_the_filter_a_user_of_its_own_the_filter_one_that_publishes_only_SpamQuarantined()
    {
        // A node of the test's own: the shared broker is provisioned once, and other tests use it.
        await using var rabbitMq = await PrivateRabbitMq.StartAsync();
        await using (var admin = await ConnectAsync(rabbitMq, rabbitMq.Username, rabbitMq.Password))
        await using (var declaring = await admin.CreateChannelAsync())
        {
            foreach (var contract in new[] { "SpamQuarantined", "IssueLoginLink", "DirectorySettingsChanged" })
            {
                await declaring.ExchangeDeclareAsync("Platform.Contracts:" + contract, ExchangeType.Fanout, durable: true);
            }
        }

        var env = rabbitMq.Environment;
        await using var filter = await ConnectAsync(rabbitMq, env["RabbitMq__Users__filter__Username"], env["RabbitMq__Users__filter__Password"]);
        var spam = await AmqpPublishing.PublishAsync(filter, "SpamQuarantined", Encoding.UTF8.GetBytes("{}"));
        var issueLink = await AmqpPublishing.PublishAsync(filter, "IssueLoginLink", Encoding.UTF8.GetBytes("{}"));
        var settings = await AmqpPublishing.PublishAsync(filter, "DirectorySettingsChanged", Encoding.UTF8.GetBytes("{}"));
        var services = new List<string>();
        foreach (var service in new[] { "auth", "directory_sync", "notifications", "reporting" })
        {
            await using var connection = await ConnectAsync(
                rabbitMq, env[$"RabbitMq__Users__{service}__Username"], env[$"RabbitMq__Users__{service}__Password"]);
            services.Add(connection.IsOpen ? env[$"RabbitMq__Users__{service}__Username"] : "closed");
        }

        Assert.Equal("filter", env["RabbitMq__Users__filter__Username"]);
        Assert.Null(spam);
        Assert.Equal(403, issueLink);
        Assert.Equal(403, settings);
        Assert.Equal(["auth", "directory-sync", "notifications", "reporting"], services);
    }

    private static Task<IConnection> ConnectAsync(PrivateRabbitMq rabbitMq, string user, string password) =>
        new ConnectionFactory { HostName = rabbitMq.Host, Port = rabbitMq.Port, UserName = user, Password = password }.CreateConnectionAsync();
}

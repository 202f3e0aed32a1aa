extern alias auth;
extern alias directorysync;
extern alias notifications;
extern alias reporting;

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Testing;
using RabbitMQ.Client;
using Xunit;
using Xunit.Abstractions;

namespace Platform.Messaging.Tests;

/// <summary>
/// The first-spam flow (SpamQuarantined → reporting → FirstSpamDetected → directory-sync → auth's link → notifications'
/// welcome → the SMTP sink) with the four services on a three-node RabbitMQ cluster (RabbitMq:Hosts, quorum queues);
/// the node the services are connected to stops mid-flow.
/// </summary>
public sealed class Welcoming_through_a_rabbitmq_cluster(ITestOutputHelper output)
{
    private const int UsersBefore = 10;
    private const int UsersAfter = 10;

    [Fact]
    public async Task Sends_every_welcome_exactly_once_when_a_node_stops_mid_flow()
    {
        var domain = $"rqc{Guid.NewGuid():N}"[..14] + ".example";
        var users = Enumerable.Range(0, UsersBefore + UsersAfter).Select(i => $"user{i}@{domain}").ToList();
        await using var cluster = await PrivateRabbitMqCluster.StartAsync();
        await using var authHost = await StartAsync<auth::Program>(cluster);
        await using var directorySync = await StartAsync<directorysync::Program>(cluster);
        await using var reportingHost = await StartAsync<reporting::Program>(cluster);
        await using var notificationsHost = await StartAsync<notifications::Program>(cluster, host => host
            .With("Smtp:Host", Infrastructure.Get("Smtp:Host")).With("Smtp:Port", Infrastructure.Get("Smtp:Port"))
            .With("Notifications:Delivery:PollInterval", "00:00:00.200"));

        var stopped = await NodeOfTheServicesAsync(cluster);
        var publishVia = (stopped + 1) % 3;
        output.WriteLine($"services on node {stopped}; the filter publishes via node {publishVia}");
        await PublishSpamAsync(cluster, publishVia, users.Take(UsersBefore));
        await Eventually.Get(() => Task.FromResult(Welcomed(users)), n => n > 0, TimeSpan.FromSeconds(90));
        var welcomedBeforeStop = Welcomed(users);
        // The second half goes out while the node shuts down, the first half's flows still under way.
        await Task.WhenAll(cluster.StopNodeAsync(stopped), PublishSpamAsync(cluster, publishVia, users.Skip(UsersBefore)));
        await Eventually.Get(() => Task.FromResult(Welcomed(users)), n => n == users.Count, TimeSpan.FromSeconds(180));
        await Task.Delay(TimeSpan.FromSeconds(3)); // room for a duplicate
        var welcomes = users.ToDictionary(u => u, u => SinkMail.To(u).Count(m => m.Subject == "Your spam quarantine is active"));
        output.WriteLine($"welcomed before the stop: {welcomedBeforeStop} of {users.Count}");

        Assert.InRange(welcomedBeforeStop, 1, users.Count - 1);
        Assert.All(welcomes, w => Assert.True(w.Value == 1, $"{w.Key} got {w.Value} welcomes"));
    }

    private static int Welcomed(IEnumerable<string> users) => users.Count(u => SinkMail.To(u).Count > 0);

    private static async Task<ServiceHost<T>> StartAsync<T>(PrivateRabbitMqCluster cluster, Action<ServiceHost<T>>? configure = null)
        where T : class
    {
        var host = await ServiceHost<T>.CreateAsync();
        host.With("RabbitMq:VirtualHost", "/").With("RabbitMq:Username", cluster.Username).With("RabbitMq:Password", cluster.Password);
        for (var i = 0; i < cluster.Hosts.Count; i++)
        {
            host.With($"RabbitMq:Hosts:{i}", cluster.Hosts[i]);
        }

        configure?.Invoke(host);
        await host.WaitUntilReadyAsync();
        return host;
    }

    /// <summary>The node holding most client connections (management API): the services' one.</summary>
    private static async Task<int> NodeOfTheServicesAsync(PrivateRabbitMqCluster cluster)
    {
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{cluster.ManagementPort(0)}/") };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{cluster.Username}:{cluster.Password}")));
        // The management API lists a connection once its node reported it: wait for the four services'.
        var connections = await Eventually.Get(
            async () => JsonNode.Parse(await management.GetStringAsync("api/connections"))!.AsArray().OfType<JsonObject>().ToList(),
            c => c.Count >= 4,
            TimeSpan.FromSeconds(30));
        var node = connections.GroupBy(c => (string)c["node"]!).OrderByDescending(g => g.Count()).First().Key;
        return int.Parse(node["rabbit-c".Length..node.IndexOf('@')], CultureInfo.InvariantCulture) - 1;
    }

    /// <summary>The filter's SpamQuarantined for each user, through node <paramref name="node"/>, confirmed by the broker.</summary>
    private static async Task PublishSpamAsync(PrivateRabbitMqCluster cluster, int node, IEnumerable<string> users)
    {
        await using var connection = await new ConnectionFactory
        {
            HostName = "127.0.0.1", Port = cluster.Port(node), VirtualHost = "/", UserName = cluster.Username, Password = cluster.Password,
        }.CreateConnectionAsync();
        foreach (var user in users)
        {
            var id = Guid.NewGuid();
            var spam = RawRabbitMq.SpamQuarantined(user.Split('@')[1], user, $"q-{id:N}");
            var body = Encoding.UTF8.GetBytes(
                $$"""{"messageId":"{{id}}","messageType":["urn:message:Platform.Contracts:{{nameof(SpamQuarantined)}}"],"message":{{spam.ToJsonString()}}}""");
            var refused = await AmqpPublishing.PublishAsync(connection, nameof(SpamQuarantined), body,
                new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = id.ToString() });
            Assert.Null(refused);
        }
    }
}

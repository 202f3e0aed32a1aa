using System.Text;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Bench.FirstSpam;

/// <summary>
/// Publishes SpamQuarantined as the filtering engine would (a MassTransit JSON envelope, persistent, publisher
/// confirms, a window of messages in flight), and — for the raw baseline — consumes such messages from a plain queue
/// with nothing done but the ack.
/// </summary>
internal sealed class SpamPublisher(BenchSettings settings, string virtualHost)
{
    public const int Window = 100;

    public static byte[] Envelope(int i, string domain)
    {
        var id = Guid.NewGuid().ToString();
        var envelope = new JsonObject
        {
            ["messageId"] = id,
            ["messageType"] = new JsonArray("urn:message:Platform.Contracts:SpamQuarantined"),
            ["message"] = new JsonObject
            {
                ["eventId"] = id, ["occurredAt"] = DateTimeOffset.UtcNow.ToString("O"), ["domain"] = domain, ["email"] = $"user{i:D6}@{domain}",
                ["quarantineId"] = $"q-{i}", ["sender"] = "offers@spam.test", ["subject"] = "You have won", ["score"] = 12.5,
                ["receivedAt"] = DateTimeOffset.UtcNow.ToString("O"),
            },
        };
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    /// <summary>
    /// The registry's UserDiscovered for the recipient of <see cref="Envelope"/> number <paramref name="i"/>: directory-sync
    /// is not part of this bench, and auth issues login links only for users the registry announced.
    /// </summary>
    public static byte[] Discovered(int i, string domain)
    {
        var id = Guid.NewGuid().ToString();
        var envelope = new JsonObject
        {
            ["messageId"] = id,
            ["messageType"] = new JsonArray("urn:message:Platform.Contracts:UserDiscovered"),
            ["message"] = new JsonObject
            {
                ["eventId"] = id, ["occurredAt"] = DateTimeOffset.UtcNow.ToString("O"), ["domain"] = domain, ["email"] = $"user{i:D6}@{domain}",
                ["source"] = "firstSpam",
            },
        };
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    public async Task PublishAsync(string exchange, IReadOnlyList<byte[]> bodies)
    {
        await using var connection = await Factory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var pending = new Queue<Task>(Window);
        foreach (var body in bodies)
        {
            if (pending.Count == Window)
            {
                await pending.Dequeue();
            }

            var properties = new BasicProperties { Persistent = true, ContentType = "application/vnd.masstransit+json", MessageId = Guid.NewGuid().ToString() };
            pending.Enqueue(channel.BasicPublishAsync(exchange, string.Empty, false, properties, body).AsTask());
        }

        await Task.WhenAll(pending);
    }

    /// <summary>The baseline: the same messages published to a fanout exchange with a durable queue and consumed with an ack each.</summary>
    public async Task<TimeSpan> PublishAndConsumeAsync(IReadOnlyList<byte[]> bodies)
    {
        const string exchange = "bench-raw-spam";
        const string queue = "bench-raw-spam";
        await using var connection = await Factory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, exchange, string.Empty);
        await channel.BasicQosAsync(0, Window, false);
        var consumed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (Interlocked.Increment(ref consumed) == bodies.Count)
            {
                done.TrySetResult();
            }
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await PublishAsync(exchange, bodies);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        return watch.Elapsed;
    }

    private ConnectionFactory Factory() => new()
    {
        HostName = settings.RabbitHost, Port = settings.RabbitPort, VirtualHost = virtualHost, UserName = settings.RabbitUser, Password = settings.RabbitPassword,
    };
}

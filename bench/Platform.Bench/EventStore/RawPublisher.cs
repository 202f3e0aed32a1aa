using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Platform.Bench.EventStore;

/// <summary>
/// The relay's raw baseline: persistent messages of the same size published straight through RabbitMQ.Client with
/// publisher confirms, the same number awaiting their confirm at once, to the same exchange and durable queue.
/// </summary>
internal static class RawPublisher
{
    public static async Task<double> RateAsync(BenchSettings settings, string virtualHost, string exchange, int count, int window, object sample)
    {
        var factory = new ConnectionFactory
        {
            HostName = settings.RabbitHost, Port = settings.RabbitPort, VirtualHost = virtualHost,
            UserName = settings.RabbitUser, Password = settings.RabbitPassword,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(sample, JsonSerializerOptions.Web));
        var properties = new BasicProperties { Persistent = true, ContentType = "application/vnd.masstransit+json" };
        var pending = new Queue<Task>(window);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (pending.Count == window)
            {
                await pending.Dequeue();
            }

            properties.MessageId = Guid.NewGuid().ToString();
            pending.Enqueue(channel.BasicPublishAsync(exchange, string.Empty, false, properties, body).AsTask());
        }

        await Task.WhenAll(pending);
        return count / watch.Elapsed.TotalSeconds;
    }
}

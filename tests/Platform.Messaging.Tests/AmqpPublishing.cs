using RabbitMQ.Client;

namespace Platform.Messaging.Tests;

/// <summary>Publishing as a client outside the platform does (the spam filter): plain AMQP with publisher confirms.</summary>
internal static class AmqpPublishing
{
    /// <summary>Null when the broker confirmed the message on <c>Platform.Contracts:&lt;contract&gt;</c>, else its reply code (403: access refused).</summary>
    public static async Task<int?> PublishAsync(IConnection connection, string contract, byte[] body, BasicProperties? properties = null)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        try
        {
            await channel.BasicPublishAsync("Platform.Contracts:" + contract, "", mandatory: false, properties ?? new BasicProperties(), body);
            return null;
        }
        catch (Exception) when (channel.CloseReason is { } reason)
        {
            return reason.ReplyCode;
        }
    }
}

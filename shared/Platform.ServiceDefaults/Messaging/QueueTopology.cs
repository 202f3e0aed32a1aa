using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>How a consumer's queue is declared on RabbitMQ (docs/deployment.md, "RabbitMQ").</summary>
public static class QueueTopology
{
    public const string DeliveryLimitArgument = "x-delivery-limit";

    /// <summary>MassTransit's fault queue beside each consumer's queue.</summary>
    public static string ErrorQueue(string queueName) => queueName + "_error";

    /// <summary>
    /// Quorum: a quorum queue with the delivery limit, dead-lettering to its <c>_error</c> queue. MassTransit declares
    /// that queue with the consumer queue's arguments when it moves the first fault there, so it is declared here,
    /// at start, with the same ones: the broker can dead-letter into it before any fault, and both declarations agree.
    /// </summary>
    public static void Apply(IRabbitMqReceiveEndpointConfigurator endpoint, string queueName, RabbitMqOptions options)
    {
        // Temporary endpoints (auto-deleted, exclusive) cannot be quorum queues, nor need to be: they stay classic.
        var durable = endpoint is not IRabbitMqReceiveEndpointConfiguration { Settings: var settings }
            || settings is { Durable: true, AutoDelete: false, Exclusive: false };
        if (options.QueueType == RabbitMqQueueType.Classic || !durable)
        {
            return;
        }

        var errorQueue = ErrorQueue(queueName);
        Quorum(endpoint, errorQueue, options.DeliveryLimit);
        endpoint.BindDeadLetterQueue(errorQueue, errorQueue, queue => Quorum(queue, errorQueue, options.DeliveryLimit));
    }

    private static void Quorum(IRabbitMqQueueConfigurator queue, string deadLetterExchange, int deliveryLimit)
    {
        queue.SetQuorumQueue();
        queue.SetQueueArgument(DeliveryLimitArgument, deliveryLimit);
        queue.SetQueueArgument("x-dead-letter-exchange", deadLetterExchange);
    }
}

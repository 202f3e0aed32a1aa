namespace Platform.ServiceDefaults.Messaging;

/// <summary>Bound from the <c>RabbitMq</c> section, e.g. <c>RabbitMq__Host</c> in the environment (as Kubernetes sets it).</summary>
public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;

    /// <summary>
    /// The nodes of a RabbitMQ cluster as <c>host[:port]</c> (<c>RabbitMq__Hosts__0</c>, <c>__1</c>, …): the bus
    /// connects to the first that answers and moves to another when its connection is lost. Empty: <see cref="Host"/>
    /// and <see cref="Port"/>.
    /// </summary>
    public List<string> Hosts { get; set; } = [];

    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>
    /// Messages each receive endpoint takes from its queue ahead of finishing the ones it has, and so handles at once.
    /// MassTransit's default (twice the cores) leaves the database idle between round trips; with more in flight, the
    /// event store commits them in groups. Lower it for consumers that call slow outside systems.
    /// </summary>
    public ushort PrefetchCount { get; set; } = 32;

    /// <summary>
    /// The type of the consumers' queues: quorum (replicated across a cluster's nodes) or classic. A queue keeps the
    /// type it was declared with; changing it needs the queue deleted first (docs/deployment.md).
    /// </summary>
    public RabbitMqQueueType QueueType { get; set; } = RabbitMqQueueType.Quorum;

    /// <summary>
    /// Quorum queues: how often the broker hands a message out again after its consumer vanished without an answer
    /// (a crash, a lost connection) before it moves the message to the queue's <c>_error</c> queue, so a message that
    /// brings its consumer down cannot loop forever.
    /// </summary>
    public int DeliveryLimit { get; set; } = 5;
}

public enum RabbitMqQueueType
{
    Quorum,
    Classic,
}

namespace Platform.ServiceDefaults.Messaging;

/// <summary>Bound from the <c>RabbitMq</c> section, e.g. <c>RabbitMq__Host</c> in the environment (as Kubernetes sets it).</summary>
public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>
    /// Messages each receive endpoint takes from its queue ahead of finishing the ones it has, and so handles at once.
    /// MassTransit's default (twice the cores) leaves the database idle between round trips; with more in flight, the
    /// event store commits them in groups. Lower it for consumers that call slow outside systems.
    /// </summary>
    public ushort PrefetchCount { get; set; } = 32;
}

namespace Platform.Outbox.Relay;

/// <summary>Outbox messages could not be published or read; they stay pending, in order, and the relay retries them.</summary>
public sealed class OutboxPublishException(string message, Exception innerException) : Exception(message, innerException)
{
    /// <summary>The broker failed a publish (rather than a message being unreadable): a stuck bus looks like this.</summary>
    internal bool BrokerFailed { get; init; }
}

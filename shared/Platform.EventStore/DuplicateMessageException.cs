namespace Platform.EventStore;

/// <summary>The inbox already holds this message for this consumer: a redelivery, whose effects are already committed.</summary>
public sealed class DuplicateMessageException(string consumer, Guid messageId)
    : Exception($"{consumer} already processed message {messageId}.")
{
    public string Consumer { get; } = consumer;
    public Guid MessageId { get; } = messageId;
}

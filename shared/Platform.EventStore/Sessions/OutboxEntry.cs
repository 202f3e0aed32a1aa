namespace Platform.EventStore.Sessions;

internal sealed record OutboxEntry(Guid MessageId, object Message, string? StreamId);

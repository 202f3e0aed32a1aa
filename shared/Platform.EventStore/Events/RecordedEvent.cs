namespace Platform.EventStore.Events;

/// <summary>An event as stored: its global position, its place in its stream and what came with it.</summary>
public sealed record RecordedEvent(
    long Position,
    Guid Id,
    string StreamId,
    long Version,
    string Type,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt);

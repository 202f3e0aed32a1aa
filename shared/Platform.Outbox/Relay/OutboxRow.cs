namespace Platform.Outbox.Relay;

/// <summary>A pending outbox row, as the relay locks it.</summary>
internal sealed record OutboxRow(
    long Seq, Guid MessageId, string MessageType, string Body, Guid? CorrelationId, string? TraceParent, string? TraceState);

/// <summary>A row read back into its registered message type, ready to publish.</summary>
internal sealed record OutboxMessage(OutboxRow Row, object Message, Type Type);

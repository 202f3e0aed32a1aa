namespace Platform.EventStore.Events;

/// <summary>What travels with every event: why it happened and where to find the flow that wrote it.</summary>
public sealed record EventMetadata
{
    public Guid? CorrelationId { get; init; }
    public Guid? CausationId { get; init; }

    /// <summary>The W3C trace context of the write, so a projection or relay can continue the trace.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Who caused it: a user, an admin, or a service ("system:directory-sync").</summary>
    public string? Actor { get; init; }
}

namespace Platform.Contracts;

/// <summary>
/// Published once per recipient, ever: the first time a message for that recipient was quarantined.
/// </summary>
public sealed record FirstSpamDetected
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string Email { get; init; }

    /// <summary>The quarantined message that made the recipient known.</summary>
    public required string QuarantineId { get; init; }
}

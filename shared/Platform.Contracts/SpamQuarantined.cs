namespace Platform.Contracts;

/// <summary>
/// Published by the filtering engine (any language) when it puts a message into a recipient's
/// quarantine. The first one for a recipient ever leads to <see cref="FirstSpamDetected"/>.
/// </summary>
public sealed record SpamQuarantined
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }

    /// <summary>The recipient whose quarantine holds the message.</summary>
    public required string Email { get; init; }

    public required string QuarantineId { get; init; }
    public required string Sender { get; init; }
    public required string Subject { get; init; }
    public required double Score { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
}

namespace Platform.Contracts;

/// <summary>The welcome message with a login link went out to a user (once per user, ever).</summary>
public sealed record WelcomeMessageSent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string Email { get; init; }

    /// <summary>The RFC 5322 Message-ID of the mail, for finding it in relay logs.</summary>
    public required string MessageId { get; init; }
}

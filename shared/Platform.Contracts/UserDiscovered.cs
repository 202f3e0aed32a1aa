namespace Platform.Contracts;

/// <summary>
/// Published once per email user, when the platform first learns of them, from whichever
/// <see cref="UserSources">source</see> came first.
/// </summary>
public sealed record UserDiscovered
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string Email { get; init; }

    /// <summary>One of <see cref="UserSources"/>.</summary>
    public required string Source { get; init; }

    public string? DisplayName { get; init; }
}

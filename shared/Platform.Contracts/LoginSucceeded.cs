namespace Platform.Contracts;

/// <summary>An email user or admin logged in. Never carries a password, code or token.</summary>
public sealed record LoginSucceeded
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string Email { get; init; }

    /// <summary>One of <see cref="LoginMethods"/>.</summary>
    public required string Method { get; init; }

    public string? ClientAddress { get; init; }

    /// <summary>True for the first successful login of a user the registry did not know yet.</summary>
    public bool FirstLogin { get; init; }
}

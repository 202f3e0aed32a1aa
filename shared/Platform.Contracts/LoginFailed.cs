namespace Platform.Contracts;

/// <summary>A login was refused. Never carries the password, code or token that was tried.</summary>
public sealed record LoginFailed
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string Email { get; init; }

    /// <summary>The stable problem code, e.g. <c>invalid_credentials</c>, <c>locked</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>One of <see cref="LoginMethods"/>.</summary>
    public required string Method { get; init; }

    public string? ClientAddress { get; init; }
}

namespace Platform.Contracts;

/// <summary>
/// Recipient lookups look like a dictionary attack: one client probing many addresses that do not exist
/// (<see cref="Scope"/> <c>client</c>), or a domain probed from many clients at once (<c>domain</c>). Published once
/// per episode; never lists the addresses probed.
/// </summary>
public sealed record DictionaryAttackSuspected
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }

    /// <summary><c>client</c> or <c>domain</c>.</summary>
    public required string Scope { get; init; }

    /// <summary>The probing client's address, for scope <c>client</c>.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>Invalid lookups counted in the sliding window when the episode started.</summary>
    public required int InvalidLookups { get; init; }

    public required int WindowSeconds { get; init; }
}

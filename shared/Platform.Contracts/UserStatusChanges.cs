namespace Platform.Contracts;

/// <summary>
/// A domain admin set an email user inactive: they are kept out of the quarantine panel (auth refuses their logins)
/// until reactivated. Mail to them is unaffected.
/// </summary>
public sealed record UserDeactivated
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string Email { get; init; }

    /// <summary>Who did it: the admin's subject.</summary>
    public required string Actor { get; init; }
}

/// <summary>A domain admin made an inactive email user active again.</summary>
public sealed record UserReactivated
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string Email { get; init; }
    public required string Actor { get; init; }
}

/// <summary>
/// A domain admin deleted an email user from the managed list (never one the directory sync still finds). A later
/// report from any source makes them known again, with a new <see cref="UserDiscovered"/>.
/// </summary>
public sealed record UserDeleted
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string Email { get; init; }
    public required string Actor { get; init; }
}

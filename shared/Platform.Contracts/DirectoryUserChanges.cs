namespace Platform.Contracts;

/// <summary>
/// A directory user's address, aliases or name changed (found by a directory sync; the user keeps their stable
/// directory id). <see cref="PreviousEmail"/> is set when the primary address itself changed.
/// </summary>
public sealed record UserUpdated
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }

    /// <summary>The user's stable id in the domain's directory (objectGUID, entryUUID).</summary>
    public required string DirectoryId { get; init; }

    /// <summary>The primary address, lower case.</summary>
    public required string Email { get; init; }

    public string? PreviousEmail { get; init; }

    /// <summary>Every further address that delivers to this user, lower case.</summary>
    public required IReadOnlyList<string> Aliases { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>The sync run that found the change.</summary>
    public required Guid SyncRunId { get; init; }
}

/// <summary>A user's account was disabled in the domain's directory: they may no longer log in.</summary>
public sealed record UserDisabledInDirectory
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string DirectoryId { get; init; }
    public required string Email { get; init; }
    public required Guid SyncRunId { get; init; }
}

/// <summary>A disabled account was enabled again in the domain's directory.</summary>
public sealed record UserEnabledInDirectory
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string DirectoryId { get; init; }
    public required string Email { get; init; }
    public required Guid SyncRunId { get; init; }
}

/// <summary>
/// A user is gone from the domain's directory (deleted, or moved out of the synced base DN or filter). Published
/// only once the deletion guard let the removal through, or an admin confirmed it.
/// </summary>
public sealed record UserRemovedFromDirectory
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }
    public required string DirectoryId { get; init; }
    public required string Email { get; init; }

    /// <summary>The sync run that found the user gone.</summary>
    public required Guid SyncRunId { get; init; }

    /// <summary>Who let the removal through: <c>sync</c>, or the admin who confirmed a held removal.</summary>
    public required string ApprovedBy { get; init; }
}

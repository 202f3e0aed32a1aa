using System.Text.Json.Serialization;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// What a sync run changed in a domain's managed list, a chunk of users at a time: one event on a stream of its own,
/// <c>directory-changes/{domain}/{changesetId}</c>, written in the transaction of the chunk's registrations, read
/// models and integration messages. A chunk's changes are one event rather than one stream per user because nothing
/// ever replays one user's directory changes (the managed list and the history are their read models), while every
/// stream costs an import two statements of its own (docs/directory-sync.md, "Benchmark: sync").
/// </summary>
public sealed record DirectoryUsersChanged(string Domain, Guid RunId, IReadOnlyList<DirectoryUserChange> Changes, DateTimeOffset At)
{
    public static string StreamId(string domain, Guid changesetId) => $"directory-changes/{domain}/{changesetId:N}";
}

/// <summary>One user's change within <see cref="DirectoryUsersChanged"/>, stored with its kind as <c>change</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "change")]
[JsonDerivedType(typeof(DirectoryUserAdded), "added")]
[JsonDerivedType(typeof(DirectoryUserChanged), "updated")]
[JsonDerivedType(typeof(DirectoryUserDisabled), "disabled")]
[JsonDerivedType(typeof(DirectoryUserEnabled), "enabled")]
[JsonDerivedType(typeof(DirectoryUserRemoved), "removed")]
public abstract record DirectoryUserChange(string DirectoryId, string Email);

public sealed record DirectoryUserAdded(string DirectoryId, string Dn, string Email, IReadOnlyList<string> Aliases, string? DisplayName, bool Disabled)
    : DirectoryUserChange(DirectoryId, Email);

public sealed record DirectoryUserChanged(
    string DirectoryId, string Dn, string Email, string? PreviousEmail, IReadOnlyList<string> Aliases, string? DisplayName) : DirectoryUserChange(DirectoryId, Email);

public sealed record DirectoryUserDisabled(string DirectoryId, string Email) : DirectoryUserChange(DirectoryId, Email);

public sealed record DirectoryUserEnabled(string DirectoryId, string Email) : DirectoryUserChange(DirectoryId, Email);

public sealed record DirectoryUserRemoved(string DirectoryId, string Email, string ApprovedBy) : DirectoryUserChange(DirectoryId, Email);

namespace Platform.DirectorySync.Sync;

// A directory user's life in the managed list, stream directory-user/{domain}/{directoryId}; each names the sync run
// that saw it, so a run's history lists exactly what it changed.

/// <summary>An event of a directory user's stream: each is about one domain.</summary>
public abstract record DirectoryUserEvent(string Domain);

public sealed record DirectoryUserAdded(
    string Domain, string DirectoryId, string Dn, string Email, IReadOnlyList<string> Aliases, string? DisplayName, bool Disabled,
    Guid RunId, DateTimeOffset At) : DirectoryUserEvent(Domain);

public sealed record DirectoryUserChanged(
    string Domain, string DirectoryId, string Dn, string Email, string? PreviousEmail, IReadOnlyList<string> Aliases, string? DisplayName,
    Guid RunId, DateTimeOffset At) : DirectoryUserEvent(Domain);

public sealed record DirectoryUserDisabled(string Domain, string DirectoryId, string Email, Guid RunId, DateTimeOffset At) : DirectoryUserEvent(Domain);

public sealed record DirectoryUserEnabled(string Domain, string DirectoryId, string Email, Guid RunId, DateTimeOffset At) : DirectoryUserEvent(Domain);

public sealed record DirectoryUserRemoved(string Domain, string DirectoryId, string Email, Guid RunId, string ApprovedBy, DateTimeOffset At) : DirectoryUserEvent(Domain);

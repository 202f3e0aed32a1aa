namespace Platform.DirectorySync.Registry;

/// <summary>An email user became known to the registry (directory-sync's own event; first in a user's stream).</summary>
public sealed record UserRegistered(string Domain, string Email, string Source, DateTimeOffset At);

namespace Platform.DirectorySync.Registry;

/// <summary>An event of a registry user's stream <c>user/{domain}/{email}</c>.</summary>
public abstract record RegistryEvent;

/// <summary>
/// An email user became known to the registry (directory-sync's own event; first in a user's stream, or the first
/// after the user was deleted). <paramref name="Actor"/> is who added them by hand, for source <c>api</c>.
/// </summary>
public sealed record UserRegistered(string Domain, string Email, string Source, DateTimeOffset At, string? Actor = null) : RegistryEvent;

/// <summary>An admin set the user's status: <c>active</c> or <c>inactive</c> (kept out of the panel).</summary>
public sealed record UserStatusSet(string Domain, string Email, string Status, string Actor, DateTimeOffset At) : RegistryEvent;

/// <summary>The user logged in to the panel (from auth's <c>LoginSucceeded</c>).</summary>
public sealed record UserLoggedIn(string Domain, string Email, string Method, DateTimeOffset At) : RegistryEvent;

/// <summary>An admin deleted the user from the registry; a later report from any source registers them anew.</summary>
public sealed record RegistryUserDeleted(string Domain, string Email, string Actor, DateTimeOffset At) : RegistryEvent;

/// <summary>A registry user's status. Values are part of the API and of the contracts.</summary>
public static class UserStatuses
{
    public const string Active = "active";
    public const string Inactive = "inactive";

    public static bool IsValid(string? status) => status is Active or Inactive;
}

namespace Platform.Auth.Accounts;

/// <summary>
/// An event of a person's credentials: on an email user's account stream and on an admin's stream alike (the
/// lockout and second-factor events), or of one of them only (<see cref="AccountEvent"/>, <c>AdminEvent</c>).
/// </summary>
public abstract record CredentialEvent;

/// <summary>An event only an email user's account stream (<c>account/{domain}/{email}</c>) has.</summary>
public abstract record AccountEvent : CredentialEvent;

/// <summary>The registry knows this user (UserDiscovered): their first login is not a discovery any more.</summary>
public sealed record RegistryUserKnown(DateTimeOffset At) : AccountEvent;

/// <summary>The registry set the user <c>active</c> or <c>inactive</c> (UserReactivated / UserDeactivated) at <paramref name="At"/>.</summary>
public sealed record RegistryStatusLearned(string Status, DateTimeOffset At) : AccountEvent;

/// <summary>An admin deleted the user from the registry (UserDeleted): unknown again, and no longer kept out.</summary>
public sealed record RegistryUserForgotten(DateTimeOffset At) : AccountEvent;

/// <summary>
/// A directory sync found the user's entry <paramref name="State"/> (<see cref="DirectoryStates"/>) at <paramref name="At"/>
/// (UserDisabledInDirectory, UserEnabledInDirectory, UserRemovedFromDirectory).
/// </summary>
public sealed record DirectoryStateLearned(string State, DateTimeOffset At) : AccountEvent;

/// <summary>A successful login, by <paramref name="Method"/> (<c>password</c>, <c>loginLink</c>).</summary>
public sealed record LoggedIn(string Method, DateTimeOffset At) : AccountEvent;

public static class AccountStatuses
{
    public const string Active = "active";
    public const string Inactive = "inactive";
}

public static class DirectoryStates
{
    public const string Enabled = "enabled";
    public const string Disabled = "disabled";
    public const string Removed = "removed";
}

/// <summary>Why a user's sessions and login links were ended for them (<c>SessionRevoked.Reason</c>, <c>LoginLinkVoided.Reason</c>).</summary>
public static class SessionEndings
{
    public const string Inactive = "inactive";
    public const string Deleted = "deleted";
    public const string DisabledInDirectory = "disabled_in_directory";
    public const string RemovedFromDirectory = "removed_from_directory";
}

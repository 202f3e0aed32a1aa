using Platform.Auth.Accounts;

namespace Platform.Auth.Admins;

/// <summary>An event only an admin's stream (<c>admin/{email}</c>) has; it has the <see cref="CredentialEvent"/>s too.</summary>
public abstract record AdminEvent : CredentialEvent;

/// <summary>
/// A local admin account (stream <c>admin/{email}</c>): a platform admin, or a domain admin scoped to
/// <paramref name="Domains"/>. Only the password's hash (ASP.NET Core Identity's PBKDF2 format) is recorded.
/// </summary>
public sealed record AdminCreated(string Email, string Role, IReadOnlyList<string> Domains, string PasswordHash, string By, DateTimeOffset At) : AdminEvent
{
    public static string StreamId(string email) => $"admin/{email}";
}

/// <summary>The admin's password changed (or its hash was upgraded to the hasher's current format).</summary>
public sealed record AdminPasswordSet(string PasswordHash, string By, DateTimeOffset At) : AdminEvent;

/// <summary>The account can no longer log in.</summary>
public sealed record AdminRemoved(string By, DateTimeOffset At) : AdminEvent;

/// <summary>A platform admin disabled the account: it logs in no more until enabled.</summary>
public sealed record AdminDisabled(string By, DateTimeOffset At) : AdminEvent;

/// <summary>A platform admin enabled a disabled account again.</summary>
public sealed record AdminEnabled(string By, DateTimeOffset At) : AdminEvent;

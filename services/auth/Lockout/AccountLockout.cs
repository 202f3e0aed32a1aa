using Platform.Auth.Accounts;

namespace Platform.Auth.Lockout;

/// <summary>An account's failed logins in a row, its lock, and how many locks in a row it has had.</summary>
public sealed record AccountLockout(int Failures, DateTimeOffset? LastFailure, DateTimeOffset? LockedUntil, int Level)
{
    public static AccountLockout Initial { get; } = new(0, null, null, 0);

    public AccountLockout Apply(CredentialEvent @event) => @event switch
    {
        LoginFailureCounted e => this with { Failures = e.Count, Level = e.Level, LastFailure = e.At },
        // A lock starts a new count: the next lock comes after as many failures again, and lasts longer.
        AccountLocked e => this with { Failures = 0, LockedUntil = e.Until, Level = e.Level },
        FailuresReset => Initial,
        _ => this,
    };
}

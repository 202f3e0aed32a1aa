using Platform.Auth.Accounts;

namespace Platform.Auth.Lockout;

/// <summary>
/// A login failed on a credential (wrong password, wrong code): the account's <paramref name="Count"/>-th in a row,
/// with <paramref name="Level"/> locks before it (0 again after a quiet period).
/// </summary>
public sealed record LoginFailureCounted(int Count, int Level, string Reason, DateTimeOffset At) : CredentialEvent;

/// <summary>The account is locked until <paramref name="Until"/>; <paramref name="Level"/> is how many locks in a row it has had.</summary>
public sealed record AccountLocked(DateTimeOffset Until, int Level, DateTimeOffset At) : CredentialEvent;

/// <summary>A successful login forgets the failures and locks before it.</summary>
public sealed record FailuresReset(DateTimeOffset At) : CredentialEvent;

using Platform.Auth.Accounts;

namespace Platform.Auth.Lockout;

/// <summary>Brute-force decisions on an account, pure: whether it may try now, and what a failure or success records.</summary>
public static class LockoutDecisions
{
    /// <summary>
    /// How long the account must still wait, or null when it may try. Asked before any directory traffic: a locked
    /// account never reaches the customer's directory, so attacks cannot trigger the directory's own lockout policy.
    /// </summary>
    public static TimeSpan? LockedFor(AccountLockout state, DateTimeOffset now) =>
        state.LockedUntil is { } until && until > now ? until - now : null;

    /// <summary>
    /// The events of a failed credential: the count (from 1 again after <see cref="LockoutOptions.FailureResetAfter"/>
    /// of quiet after the last failure or lock, which also forgets earlier locks), and at <see cref="LockoutOptions.FailuresBeforeLock"/> a lock of
    /// <see cref="LockoutOptions.InitialLock"/> × <see cref="LockoutOptions.LockGrowthFactor"/>^level, at most
    /// <see cref="LockoutOptions.MaxLock"/>. Only credential failures are counted: an unreachable directory, a disabled or
    /// inactive account are not the user's guess and never lock anyone out.
    /// </summary>
    public static IReadOnlyList<CredentialEvent> RecordFailure(AccountLockout state, string reason, DateTimeOffset now, LockoutOptions options)
    {
        // Quiet since the last failure or the end of the last lock, whichever is later: waiting out a lock is not quiet.
        var lastActivity = state.LockedUntil is { } until && until > (state.LastFailure ?? DateTimeOffset.MinValue) ? until : state.LastFailure;
        var quiet = lastActivity is not { } last || now - last >= options.FailureResetAfter;
        var count = quiet ? 1 : state.Failures + 1;
        var level = quiet ? 0 : state.Level;
        var counted = new LoginFailureCounted(count, level, reason, now);
        if (count < options.FailuresBeforeLock)
        {
            return [counted];
        }

        var wait = TimeSpan.FromTicks((long)Math.Min(options.MaxLock.Ticks, options.InitialLock.Ticks * Math.Pow(options.LockGrowthFactor, level)));
        return [counted, new AccountLocked(now + wait, level + 1, now)];
    }

    /// <summary>A success forgets failures and locks; nothing to record when there are none.</summary>
    public static IReadOnlyList<CredentialEvent> RecordSuccess(AccountLockout state, DateTimeOffset now) =>
        state.Failures > 0 || state.Level > 0 || state.LockedUntil is not null ? [new FailuresReset(now)] : [];
}

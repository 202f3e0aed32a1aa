namespace Platform.Auth.Lockout;

/// <summary>Whether a directory entry may get another bind, from its wrong-password binds; pure.</summary>
public static class DirectoryEntryDecisions
{
    /// <summary>
    /// Null when the entry may be bound now; else how long until it may. Counted like Active Directory counts
    /// <c>badPwdCount</c>: a run of wrong passwords, each less than <see cref="LockoutOptions.DirectoryEntryWindow"/>
    /// after the one before, that ends only after a window without one. At <see cref="LockoutOptions.DirectoryEntryFailuresAllowed"/>
    /// in the run, the entry waits until a window has passed since the last: by then a directory whose observation
    /// window is no longer has forgotten them too, so the platform alone never takes its count above the allowance.
    /// </summary>
    /// <param name="failures">The entry's wrong-password binds, oldest first.</param>
    public static TimeSpan? WaitBeforeBind(IReadOnlyList<DateTimeOffset> failures, DateTimeOffset now, LockoutOptions options)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(options);
        var window = options.DirectoryEntryWindow;
        if (failures.Count == 0 || now - failures[^1] >= window)
        {
            return null;
        }

        var run = 1;
        for (var i = failures.Count - 1; i > 0 && failures[i] - failures[i - 1] < window; i--)
        {
            run++;
        }

        return run >= options.DirectoryEntryFailuresAllowed ? failures[^1] + window - now : null;
    }

    /// <summary>
    /// Failures before this can no longer be in a run that counts: a run has at most the allowance (no bind, so no
    /// failure, once it is reached), each within a window of the one before, and counts for a window after its last.
    /// </summary>
    public static DateTimeOffset ForgetBefore(DateTimeOffset now, LockoutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return now - (options.DirectoryEntryWindow * options.DirectoryEntryFailuresAllowed);
    }
}

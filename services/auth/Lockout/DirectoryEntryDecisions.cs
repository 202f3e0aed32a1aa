namespace Platform.Auth.Lockout;

/// <summary>Whether a directory entry may get another bind, from its wrong-password binds in the window; pure.</summary>
public static class DirectoryEntryDecisions
{
    /// <summary>
    /// Null when the entry may be bound now; else how long until fewer than <see cref="LockoutOptions.DirectoryEntryFailuresAllowed"/>
    /// of <paramref name="failures"/> (ascending) lie within the last <see cref="LockoutOptions.DirectoryEntryWindow"/>.
    /// </summary>
    public static TimeSpan? WaitBeforeBind(IReadOnlyList<DateTimeOffset> failures, DateTimeOffset now, LockoutOptions options)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(options);
        var recent = failures.Where(at => at > now - options.DirectoryEntryWindow).ToList();
        if (recent.Count < options.DirectoryEntryFailuresAllowed)
        {
            return null;
        }

        // Once this one leaves the window, one fewer than allowed remains.
        var leaving = recent[recent.Count - options.DirectoryEntryFailuresAllowed];
        return leaving + options.DirectoryEntryWindow - now;
    }
}

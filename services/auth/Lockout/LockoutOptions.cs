namespace Platform.Auth.Lockout;

/// <summary>
/// Brute-force protection (section <c>Auth:Lockout</c>), after Keycloak's: a number of failures locks the account for
/// a wait that grows with each further lock up to a maximum, and a quiet period forgets it all. Per client address,
/// failures across accounts are counted too (password spraying), and every login attempt is rate limited.
/// </summary>
public sealed class LockoutOptions
{
    public const string Section = "Auth:Lockout";

    /// <summary>Failures in a row that lock the account.</summary>
    public int FailuresBeforeLock { get; set; } = 5;

    public TimeSpan InitialLock { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Each further lock waits this many times longer than the one before.</summary>
    public double LockGrowthFactor { get; set; } = 2;

    public TimeSpan MaxLock { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Without a failure for this long, an account's failures and lock level are forgotten.</summary>
    public TimeSpan FailureResetAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Binds with a wrong password one directory entry may get (over every address, alias and spelling that leads to
    /// it, and over all replicas) before <see cref="DirectoryEntryWindow"/> passes without one; then the directory is
    /// not asked for that entry until it has. Keep it below the directory's own lockout threshold (AD's
    /// <c>lockoutThreshold</c>; Microsoft's security baseline sets 10) and the window at least AD's
    /// <c>lockoutObservationWindow</c> (30 min by default), so that guessing never locks the customer's account.
    /// </summary>
    public int DirectoryEntryFailuresAllowed { get; set; } = 5;

    public TimeSpan DirectoryEntryWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Failed logins one client address may make (over all accounts) within <see cref="ClientWindow"/>.</summary>
    public int ClientFailuresAllowed { get; set; } = 20;

    public TimeSpan ClientWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Login attempts (any outcome) one client address may make per minute.</summary>
    public int ClientAttemptsPerMinute { get; set; } = 60;

    internal bool IsValid() =>
        FailuresBeforeLock > 0 && InitialLock > TimeSpan.Zero && LockGrowthFactor >= 1 && MaxLock >= InitialLock && FailureResetAfter > TimeSpan.Zero
        && DirectoryEntryFailuresAllowed > 0 && DirectoryEntryWindow > TimeSpan.Zero
        && ClientFailuresAllowed > 0 && ClientWindow > TimeSpan.Zero && ClientAttemptsPerMinute > 0;
}

namespace Platform.DirectorySync.Settings;

/// <summary>
/// The stable codes of the saved settings' warnings (<see cref="SettingsWarnings"/>, <c>warnings[].code</c>); clients
/// say them in their own words, so they never change.
/// </summary>
public static class SettingsWarningCodes
{
    /// <summary>Automatic sync is on: catch-all should be off, or mail for unknown addresses is quarantined for nobody.</summary>
    public const string CatchAllWithSync = "catch_all_with_sync";

    /// <summary>Security is none: users' passwords cross the network unencrypted at every login.</summary>
    public const string UserPasswordsInClearText = "user_passwords_in_clear_text";

    /// <summary>Security is none and a bind password is saved: it crosses the network unencrypted.</summary>
    public const string PasswordInClearText = "password_in_clear_text";

    /// <summary>No bind DN: syncs and recipient checks cannot search the directory.</summary>
    public const string NoServiceAccount = "no_service_account";

    /// <summary>A bind DN without a password.</summary>
    public const string NoBindPassword = "no_bind_password";

    /// <summary>The deletion threshold is 100 %: removals are never held.</summary>
    public const string DeletionGuardOff = "deletion_guard_off";
}

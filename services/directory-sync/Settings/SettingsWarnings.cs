namespace Platform.DirectorySync.Settings;

/// <summary>What the admin should know about saved settings that work. Pure.</summary>
public static class SettingsWarnings
{
    public static IReadOnlyList<SettingsWarning> For(SavedSettings settings, bool hasBindPassword)
    {
        var warnings = new List<SettingsWarning>();
        if (settings.AutomaticSync)
        {
            warnings.Add(new SettingsWarning(SettingsWarningCodes.CatchAllWithSync,
                "Turn off catch-all for this domain while automatic sync is on: mail for addresses not in the directory is then rejected instead of quarantined for nobody."));
        }

        if (settings.Security == "none")
        {
            warnings.Add(new SettingsWarning(SettingsWarningCodes.UserPasswordsInClearText,
                "Users' passwords cross the network unencrypted at every login: choose starttls or ldaps."));
        }

        if (settings.Security == "none" && hasBindPassword)
        {
            warnings.Add(new SettingsWarning(SettingsWarningCodes.PasswordInClearText,
                "The service account's password crosses the network unencrypted: choose starttls or ldaps."));
        }

        if (settings.BindDn is null)
        {
            warnings.Add(new SettingsWarning(SettingsWarningCodes.NoServiceAccount,
                "Without a service account the platform cannot search the directory: syncs and recipient checks fail, and logins need a user bind template."));
        }
        else if (!hasBindPassword)
        {
            warnings.Add(new SettingsWarning(SettingsWarningCodes.NoBindPassword, "The service account has no password: set bindPassword."));
        }

        if (settings.DeletionThresholdPercent == 100)
        {
            warnings.Add(new SettingsWarning(SettingsWarningCodes.DeletionGuardOff,
                "Removals are never held: a wrong base DN or filter would remove every user at the next sync."));
        }

        return warnings;
    }
}

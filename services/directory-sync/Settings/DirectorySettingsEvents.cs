namespace Platform.DirectorySync.Settings;

/// <summary>An event of a domain's directory stream <c>directory/{domain}</c>.</summary>
public abstract record DirectorySettingsEvent;

/// <summary>
/// A domain admin saved the domain's directory settings (stream <c>directory/{domain}</c>). The bind password is
/// AES-GCM encrypted under the platform key, bound to the domain; null when there is none.
/// </summary>
public sealed record DirectorySettingsSaved(string Domain, SavedSettings Settings, string? ProtectedBindPassword, string Actor, DateTimeOffset At) : DirectorySettingsEvent;

/// <summary>A domain admin removed the domain's directory settings: no more syncs, no more directory logins.</summary>
public sealed record DirectorySettingsRemoved(string Domain, string Actor, DateTimeOffset At) : DirectorySettingsEvent;

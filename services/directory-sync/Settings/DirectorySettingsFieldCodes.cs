using Platform.Directory.Failures;

namespace Platform.DirectorySync.Settings;

/// <summary>
/// The stable codes directory-sync itself gives refused fields of <c>PUT …/directory</c> and <c>POST …/directory/test</c>
/// (<c>codes</c> beside <c>errors</c>); the directory library's own are <c>SettingsFieldCodes</c>. The panel has words
/// for each in English and German; its tests read this class, so a new code without words fails them.
/// </summary>
public static class DirectorySettingsFieldCodes
{
    public const string InvalidSyncInterval = "invalid_sync_interval";
    public const string InvalidDeletionThreshold = "invalid_deletion_threshold";
    public const string InvalidLoginSuffixes = "invalid_login_suffixes";
    public const string LoginSuffixTaken = "login_suffix_taken";
    public const string BindPasswordNeededAgain = "bind_password_needed_again";
    public const string PlainLdapNotAllowed = "plain_ldap_not_allowed";
    public const string DestinationNotAllowed = DirectoryFailureCodes.DestinationNotAllowed;
}

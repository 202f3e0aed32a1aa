using Platform.Directory.Mapping;

namespace Platform.Directory.Settings;

/// <summary>The API's and the events' spelling of directory kinds, disabled rules and change tracking.</summary>
public static class SettingsNames
{
    public static readonly IReadOnlyDictionary<string, DirectoryKind> Kinds = new Dictionary<string, DirectoryKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["activeDirectory"] = DirectoryKind.ActiveDirectory,
        ["openLdap"] = DirectoryKind.OpenLdap,
        ["zimbra"] = DirectoryKind.Zimbra,
    };

    public static readonly IReadOnlyDictionary<string, DisabledRuleKind> DisabledRules = new Dictionary<string, DisabledRuleKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = DisabledRuleKind.None,
        ["accountControlFlag"] = DisabledRuleKind.AccountControlFlag,
        ["activeStatus"] = DisabledRuleKind.ActiveStatus,
    };

    public static readonly IReadOnlyDictionary<string, ChangeTracking> ChangeTrackings = new Dictionary<string, ChangeTracking>(StringComparer.OrdinalIgnoreCase)
    {
        ["uSNChanged"] = ChangeTracking.UsnChanged,
        ["modifyTimestamp"] = ChangeTracking.ModifyTimestamp,
    };

    public static string Name(DirectoryKind kind) => Kinds.First(k => k.Value == kind).Key;

    public static string Name(DirectorySecurity security) => security.ToName();
}

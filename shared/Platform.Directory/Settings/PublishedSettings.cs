using Platform.Contracts;
using Platform.Directory.Mapping;

namespace Platform.Directory.Settings;

/// <summary>
/// Directory settings as <see cref="DirectorySettingsChanged"/> carries them between services, read back into the
/// library's <see cref="DirectorySettings"/>: directory-sync writes them, auth logs users in with them.
/// </summary>
public static class PublishedSettings
{
    /// <summary>
    /// What <see cref="DirectorySettingsChanged.ProtectedBindPassword"/> is bound to when encrypted: a value encrypted
    /// for one domain does not decrypt as another's.
    /// </summary>
    public static string PasswordContext(string domain) => $"directory/{domain}/bind-password";

    /// <summary>
    /// The settings an event describes, with the service account's password already decrypted; null when the event
    /// says the domain has no directory (any more) or names a kind or security this version does not know.
    /// </summary>
    public static DirectorySettings? FromEvent(DirectorySettingsChanged published, DirectorySecret? bindPassword)
    {
        ArgumentNullException.ThrowIfNull(published);
        if (!published.Configured || published.Kind is null || !SettingsNames.Kinds.TryGetValue(published.Kind, out var kind)
            || !DirectorySecurityNames.TryParse(published.Security, out var security))
        {
            return null;
        }

        return new DirectorySettings
        {
            Kind = kind,
            Host = published.Host ?? string.Empty,
            Port = published.Port,
            Security = security,
            CaCertificatePem = published.CaCertificatePem,
            FailoverHost = published.FailoverHost,
            ConnectTimeout = TimeSpan.FromSeconds(published.ConnectTimeoutSeconds ?? 5),
            OperationTimeout = TimeSpan.FromSeconds(published.OperationTimeoutSeconds ?? 30),
            BindDn = published.BindDn,
            BindPassword = bindPassword,
            BaseDn = published.BaseDn ?? string.Empty,
            SearchAttribute = published.LoginAttribute,
            ExtraFilter = published.ExtraFilter,
            UserBindTemplate = published.UserBindTemplate,
            Attributes = Overrides(published.Attributes, (_, _, _) => { }),
        };
    }

    /// <summary>
    /// The mapping changes a domain made, as the library takes them; <paramref name="add"/> hears of each unknown name
    /// (field, <see cref="SettingsFieldCodes"/> code, message).
    /// </summary>
    public static AttributeOverrides? Overrides(DirectoryAttributeOverrides? attributes, Action<string, string, string> add)
    {
        if (attributes is null)
        {
            return null;
        }

        DisabledRule? disabled = null;
        if (attributes.DisabledRule is { } rule)
        {
            if (SettingsNames.DisabledRules.TryGetValue(rule, out var ruleKind))
            {
                disabled = new DisabledRule(ruleKind, ruleKind == DisabledRuleKind.None ? null : attributes.DisabledAttribute ?? DefaultAttribute(ruleKind));
            }
            else
            {
                add("attributes.disabledRule", SettingsFieldCodes.InvalidDisabledRule, "Choose none, accountControlFlag or activeStatus.");
            }
        }

        ChangeTracking? changes = null;
        if (attributes.ChangeTracking is { } tracking)
        {
            if (SettingsNames.ChangeTrackings.TryGetValue(tracking, out var value))
            {
                changes = value;
            }
            else
            {
                add("attributes.changeTracking", SettingsFieldCodes.InvalidChangeTracking, "Choose uSNChanged or modifyTimestamp.");
            }
        }

        return new AttributeOverrides
        {
            Id = attributes.Id, Mail = attributes.Mail, Aliases = attributes.Aliases, DisplayName = attributes.DisplayName,
            Disabled = disabled, Changes = changes, UserFilter = attributes.UserFilter,
        };
    }

    private static string DefaultAttribute(DisabledRuleKind kind) =>
        kind == DisabledRuleKind.AccountControlFlag ? "userAccountControl" : "zimbraAccountStatus";
}

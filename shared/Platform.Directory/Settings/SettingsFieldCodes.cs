namespace Platform.Directory.Settings;

/// <summary>
/// The stable code of each <see cref="SettingsProblem"/>: directory-sync sends it beside the message (<c>codes</c>),
/// and the panel says it in the admin's language. The panel's tests read this class, so a new code without words fails them.
/// </summary>
public static class SettingsFieldCodes
{
    public const string InvalidKind = "invalid_kind";
    public const string HostRequired = "host_required";
    public const string HostWithScheme = "host_with_scheme";
    public const string HostWithPort = "host_with_port";
    public const string InvalidHost = "invalid_host";
    public const string FailoverSameAsHost = "failover_same_as_host";
    public const string InvalidPort = "invalid_port";
    public const string InvalidSecurity = "invalid_security";
    public const string CaWithoutTls = "ca_without_tls";
    public const string InvalidCaCertificate = "invalid_ca_certificate";
    public const string InvalidConnectTimeout = "invalid_connect_timeout";
    public const string InvalidOperationTimeout = "invalid_operation_timeout";
    public const string ServiceAccountRequired = "service_account_required";
    public const string BindDnRequired = "bind_dn_required";
    public const string InvalidBindDn = "invalid_bind_dn";
    public const string BindPasswordMissing = "bind_password_missing";
    public const string BindPasswordControlCharacter = "bind_password_control_character";
    public const string BaseDnRequired = "base_dn_required";
    public const string InvalidBaseDn = "invalid_base_dn";
    public const string InvalidLoginAttribute = "invalid_login_attribute";
    public const string InvalidFilter = "invalid_filter";
    public const string InvalidPageSize = "invalid_page_size";
    public const string InvalidBindTemplate = "invalid_bind_template";
    public const string InvalidAttributeName = "invalid_attribute_name";
    public const string DisabledRuleNeedsAttribute = "disabled_rule_needs_attribute";
    public const string InvalidUserFilter = "invalid_user_filter";
    public const string InvalidDisabledRule = "invalid_disabled_rule";
    public const string InvalidChangeTracking = "invalid_change_tracking";
}

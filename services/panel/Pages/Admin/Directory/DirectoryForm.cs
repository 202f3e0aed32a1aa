using Platform.Contracts;
using Platform.Directory.Mapping;
using Platform.Directory.Settings;
using Platform.Panel.Backends;
using Tracking = Platform.Directory.Mapping.ChangeTracking;

namespace Platform.Panel.Pages.Admin.Directory;

/// <summary>
/// The directory settings form. A kind's preset fills in its attribute and filter defaults (the directory library's
/// <see cref="DirectoryKindDefaults"/>); saving sends only the attributes that differ from the kind's defaults, so a
/// later change of kind does not carry stale overrides along. Pure: the API validates everything.
/// </summary>
public sealed class DirectoryForm
{
    public static readonly string[] Kinds = ["activeDirectory", "openLdap", "zimbra"];

    public static readonly string[] Securities = ["starttls", "ldaps", "none"];

    public static readonly string[] DisabledRules = ["none", "accountControlFlag", "activeStatus"];

    public static readonly string[] ChangeTrackings = ["uSNChanged", "modifyTimestamp"];

    /// <summary>The fields the form shows, as the API names them in a validation problem's errors.</summary>
    public static readonly HashSet<string> Fields = new(StringComparer.Ordinal)
    {
        "kind", "host", "port", "security", "caCertificatePem", "failoverHost", "connectTimeoutSeconds", "operationTimeoutSeconds", "bindDn",
        "bindPassword", "baseDn", "searchAttribute", "extraFilter", "attributes.userFilter", "attributes.mail", "attributes.id", "attributes.aliases", "attributes.displayName", "loginSuffixes",
        "attributes.disabledRule", "attributes.disabledAttribute", "attributes.changeTracking", "automaticSync", "syncIntervalMinutes",
        "deletionThresholdPercent",
    };

    public string Kind { get; set; } = "activeDirectory";
    public string? Host { get; set; }
    public int? Port { get; set; }
    public string Security { get; set; } = "starttls";
    public string? CaCertificatePem { get; set; }
    public string? FailoverHost { get; set; }
    public int ConnectTimeoutSeconds { get; set; } = 5;
    public int OperationTimeoutSeconds { get; set; } = 30;
    public string? BindDn { get; set; }

    /// <summary>Write-only: never filled from the saved settings; blank keeps the saved one.</summary>
    public string? BindPassword { get; set; }
    public string? BaseDn { get; set; }
    public string? SearchAttribute { get; set; }
    public string? UserFilter { get; set; }
    public string? ExtraFilter { get; set; }
    public string? MailAttribute { get; set; }
    public string? IdAttribute { get; set; }

    /// <summary>Attribute names separated by commas or spaces.</summary>
    public string? AliasAttributes { get; set; }
    public string? DisplayNameAttributes { get; set; }
    public string? DisabledRule { get; set; }
    public string? DisabledAttribute { get; set; }
    public string? ChangeTracking { get; set; }
    /// <summary>Domains the directory's logins may end in besides this one, separated by commas or spaces.</summary>
    public string? LoginSuffixes { get; set; }
    public bool AutomaticSync { get; set; } = true;
    public int SyncIntervalMinutes { get; set; } = 60;
    public int DeletionThresholdPercent { get; set; } = 10;

    /// <summary>The settings' version the admin saw; saving refuses to overwrite a later change.</summary>
    public long? Version { get; set; }

    /// <summary>A new domain's form: Active Directory's preset.</summary>
    public static DirectoryForm New() => new DirectoryForm().WithPreset("activeDirectory");

    /// <summary>The saved settings with the kind's defaults where nothing overrides them.</summary>
    public static DirectoryForm From(DirectorySettingsView view)
    {
        var saved = view.Settings;
        var form = new DirectoryForm
        {
            Host = saved.Host, Port = saved.Port, Security = saved.Security, CaCertificatePem = saved.CaCertificatePem, FailoverHost = saved.FailoverHost,
            ConnectTimeoutSeconds = saved.ConnectTimeoutSeconds, OperationTimeoutSeconds = saved.OperationTimeoutSeconds, BindDn = saved.BindDn,
            BaseDn = saved.BaseDn, ExtraFilter = saved.ExtraFilter, LoginSuffixes = saved.LoginSuffixes is { } suffixes ? string.Join(", ", suffixes) : null, AutomaticSync = saved.AutomaticSync, SyncIntervalMinutes = saved.SyncIntervalMinutes,
            DeletionThresholdPercent = saved.DeletionThresholdPercent, Version = view.Version,
        }.WithPreset(saved.Kind);
        var a = saved.Attributes;
        form.SearchAttribute = saved.SearchAttribute ?? form.SearchAttribute;
        form.UserFilter = a?.UserFilter ?? form.UserFilter;
        form.MailAttribute = a?.Mail ?? form.MailAttribute;
        form.IdAttribute = a?.Id ?? form.IdAttribute;
        form.AliasAttributes = a?.Aliases is { } aliases ? string.Join(", ", aliases) : form.AliasAttributes;
        form.DisplayNameAttributes = a?.DisplayName is { } names ? string.Join(", ", names) : form.DisplayNameAttributes;
        form.DisabledRule = a?.DisabledRule ?? form.DisabledRule;
        form.DisabledAttribute = a?.DisabledRule is not null ? a.DisabledAttribute : form.DisabledAttribute;
        form.ChangeTracking = a?.ChangeTracking ?? form.ChangeTracking;
        return form;
    }

    /// <summary>This form with <paramref name="kind"/> and its defaults for the attributes and the user filter; an unknown kind is kept for the API to refuse.</summary>
    public DirectoryForm WithPreset(string kind)
    {
        Kind = kind;
        if (Defaults(kind) is not { } preset)
        {
            return this;
        }

        SearchAttribute = preset.Login;
        UserFilter = preset.UserFilter;
        MailAttribute = preset.Mail;
        IdAttribute = preset.Id;
        AliasAttributes = string.Join(", ", preset.Aliases);
        DisplayNameAttributes = string.Join(", ", preset.DisplayName);
        DisabledRule = RuleName(preset.Disabled.Kind);
        DisabledAttribute = preset.Disabled.Attribute;
        ChangeTracking = TrackingName(preset.Changes);
        return this;
    }

    /// <summary>The body of <c>PUT …/directory</c>: attributes only where they differ from the kind's defaults.</summary>
    public DirectoryDocument ToDocument()
    {
        var preset = Defaults(Kind);
        string? Differing(string? value, string? preset) => Blank(value) is { } given && !string.Equals(given, preset, StringComparison.Ordinal) ? given : null;
        List<string>? DifferingList(string? text, IReadOnlyList<string>? preset) =>
            List(text) is { Count: > 0 } given && (preset is null || !given.SequenceEqual(preset, StringComparer.Ordinal)) ? given : null;
        var ruleChanged = preset is null
            || !string.Equals(Blank(DisabledRule), RuleName(preset.Disabled.Kind), StringComparison.Ordinal)
            || (DisabledRule != "none" && !string.Equals(Blank(DisabledAttribute), preset.Disabled.Attribute, StringComparison.Ordinal));
        var attributes = new DirectoryAttributeOverrides
        {
            Id = Differing(IdAttribute, preset?.Id),
            Mail = Differing(MailAttribute, preset?.Mail),
            Aliases = DifferingList(AliasAttributes, preset?.Aliases),
            DisplayName = DifferingList(DisplayNameAttributes, preset?.DisplayName),
            DisabledRule = ruleChanged ? Blank(DisabledRule) : null,
            DisabledAttribute = ruleChanged && DisabledRule != "none" ? Blank(DisabledAttribute) : null,
            ChangeTracking = Differing(ChangeTracking, preset is null ? null : TrackingName(preset.Changes)),
            UserFilter = Differing(UserFilter, preset?.UserFilter),
        };
        return new DirectoryDocument
        {
            Kind = Kind, Host = Blank(Host), Port = Port, Security = Security,
            // A browser sends a textarea's lines with CR LF; PEM's are LF, as the API was given them before.
            CaCertificatePem = Security == "none" ? null : Blank(CaCertificatePem)?.ReplaceLineEndings("\n"),
            FailoverHost = Blank(FailoverHost), ConnectTimeoutSeconds = ConnectTimeoutSeconds, OperationTimeoutSeconds = OperationTimeoutSeconds,
            BindDn = Blank(BindDn), BindPassword = string.IsNullOrEmpty(BindPassword) ? null : BindPassword, BaseDn = Blank(BaseDn),
            SearchAttribute = Differing(SearchAttribute, preset?.Login), ExtraFilter = Blank(ExtraFilter),
            LoginSuffixes = List(LoginSuffixes) is { Count: > 0 } suffixes ? suffixes : null,
            Attributes = attributes == new DirectoryAttributeOverrides() ? null : attributes,
            AutomaticSync = AutomaticSync, SyncIntervalMinutes = SyncIntervalMinutes, DeletionThresholdPercent = DeletionThresholdPercent,
        };
    }

    private static AttributeMapping? Defaults(string kind) => SettingsNames.Kinds.TryGetValue(kind, out var known) ? DirectoryKindDefaults.For(known) : null;

    private static string RuleName(DisabledRuleKind rule) => SettingsNames.DisabledRules.First(r => r.Value == rule).Key;

    private static string TrackingName(Tracking changes) => SettingsNames.ChangeTrackings.First(c => c.Value == changes).Key;

    private static List<string> List(string? text) =>
        [.. (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using Platform.Contracts;
using Platform.Directory.Mapping;
using Platform.Directory.Settings;
using Platform.ServiceDefaults.Http;
using static Platform.DirectorySync.Settings.DirectorySettingsFieldCodes;

namespace Platform.DirectorySync.Settings;

/// <summary>
/// Turns a submitted document into settings to save, or names every invalid field (camelCase, as in the JSON) with a
/// stable code and a message an admin can act on. Pure.
/// </summary>
public static class SettingsValidation
{
    public const int MinSyncIntervalMinutes = 5;
    public const int MaxSyncIntervalMinutes = 24 * 60;
    public const int DefaultSyncIntervalMinutes = 60;
    public const int DefaultDeletionThresholdPercent = 10;

    /// <param name="document">The submitted settings.</param>
    /// <param name="hasSavedPassword">A password is saved: a document without one keeps it.</param>
    public static (SavedSettings? Settings, IReadOnlyList<FieldProblem> Errors) Validate(
        DirectorySettingsDocument document, bool hasSavedPassword = false)
    {
        var errors = new List<FieldProblem>();
        void Add(string field, string code, string message) => errors.Add(new FieldProblem(field, code, message));

        if (document.Kind is null || !SettingsNames.Kinds.TryGetValue(document.Kind, out var kind))
        {
            Add("kind", SettingsFieldCodes.InvalidKind, "Choose activeDirectory, openLdap or zimbra.");
            kind = default;
        }

        if (!DirectorySecurityNames.TryParse(document.Security ?? "starttls", out var security))
        {
            Add("security", SettingsFieldCodes.InvalidSecurity, "Choose none, starttls or ldaps.");
        }

        var overrides = PublishedSettings.Overrides(document.Attributes, Add);
        var interval = document.SyncIntervalMinutes ?? DefaultSyncIntervalMinutes;
        if (interval is < MinSyncIntervalMinutes or > MaxSyncIntervalMinutes)
        {
            Add("syncIntervalMinutes", InvalidSyncInterval, $"Sync every {MinSyncIntervalMinutes} to {MaxSyncIntervalMinutes} minutes (24 hours).");
        }

        var threshold = document.DeletionThresholdPercent ?? DefaultDeletionThresholdPercent;
        if (threshold is < 0 or > 100)
        {
            Add("deletionThresholdPercent", InvalidDeletionThreshold, "A share of users from 0 (every removal waits for you) to 100 (never hold removals).");
        }

        var connectTimeout = document.ConnectTimeoutSeconds ?? 5;
        var operationTimeout = document.OperationTimeoutSeconds ?? 30;
        if (connectTimeout < 1)
        {
            Add("connectTimeoutSeconds", SettingsFieldCodes.InvalidConnectTimeout, "At least one second.");
        }

        if (operationTimeout < 1)
        {
            Add("operationTimeoutSeconds", SettingsFieldCodes.InvalidOperationTimeout, "At least one second.");
        }

        var suffixes = (document.LoginSuffixes ?? []).Select(Security.DomainNames.Normalize).ToList();
        if (suffixes.Any(s => s is null) || suffixes.Count > 20)
        {
            Add("loginSuffixes", InvalidLoginSuffixes, "Domain names (at most 20) that the directory's logins end in, such as corp.local.");
        }

        if (document.BindPassword is { IsEmpty: false } && string.IsNullOrWhiteSpace(document.BindDn))
        {
            Add("bindDn", SettingsFieldCodes.BindDnRequired, "A bind password needs the service account it belongs to.");
        }

        if (errors.Count == 0)
        {
            // The directory library knows hosts, DNs, filters, certificates and attribute names: ask it too.
            var probe = ToClientSettings(kind, security, document, overrides, connectTimeout, operationTimeout);
            if (document.BindPassword is null && hasSavedPassword)
            {
                probe = probe with { BindPassword = new DirectorySecret("(saved)") };
            }

            foreach (var problem in probe.Validate())
            {
                Add(JsonName(problem.Field), problem.Code, problem.Message);
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new SavedSettings
        {
            Kind = SettingsNames.Name(kind),
            Host = document.Host!.Trim(),
            Port = document.Port,
            Security = SettingsNames.Name(security),
            CaCertificatePem = Blank(document.CaCertificatePem),
            FailoverHost = Blank(document.FailoverHost)?.Trim(),
            ConnectTimeoutSeconds = connectTimeout,
            OperationTimeoutSeconds = operationTimeout,
            BindDn = Blank(document.BindDn)?.Trim(),
            BaseDn = document.BaseDn!.Trim(),
            SearchAttribute = Blank(document.SearchAttribute)?.Trim(),
            ExtraFilter = Blank(document.ExtraFilter)?.Trim(),
            UserBindTemplate = Blank(document.UserBindTemplate)?.Trim(),
            LoginSuffixes = suffixes.Count == 0 ? null : [.. suffixes.OfType<string>().Distinct(StringComparer.Ordinal)],
            Attributes = document.Attributes,
            AutomaticSync = document.AutomaticSync ?? true,
            SyncIntervalMinutes = interval,
            DeletionThresholdPercent = threshold,
        }, []);
    }

    /// <summary>Saved settings (and the decrypted password) as the directory library takes them.</summary>
    public static DirectorySettings ToClientSettings(SavedSettings saved, DirectorySecret? bindPassword)
    {
        DirectorySecurityNames.TryParse(saved.Security, out var security);
        var document = new DirectorySettingsDocument
        {
            Host = saved.Host, Port = saved.Port, CaCertificatePem = saved.CaCertificatePem, FailoverHost = saved.FailoverHost,
            BindDn = saved.BindDn, BaseDn = saved.BaseDn, SearchAttribute = saved.SearchAttribute, ExtraFilter = saved.ExtraFilter,
            UserBindTemplate = saved.UserBindTemplate,
        };
        return ToClientSettings(SettingsNames.Kinds[saved.Kind], security, document, PublishedSettings.Overrides(saved.Attributes, (_, _, _) => { }),
            saved.ConnectTimeoutSeconds, saved.OperationTimeoutSeconds) with { BindPassword = bindPassword };
    }

    private static DirectorySettings ToClientSettings(
        Directory.DirectoryKind kind, DirectorySecurity security, DirectorySettingsDocument document, AttributeOverrides? overrides,
        int connectTimeout, int operationTimeout) => new()
    {
        Kind = kind,
        Host = document.Host?.Trim() ?? string.Empty,
        Port = document.Port,
        Security = security,
        CaCertificatePem = Blank(document.CaCertificatePem),
        FailoverHost = Blank(document.FailoverHost)?.Trim(),
        ConnectTimeout = TimeSpan.FromSeconds(connectTimeout),
        OperationTimeout = TimeSpan.FromSeconds(operationTimeout),
        BindDn = Blank(document.BindDn)?.Trim(),
        BindPassword = document.BindPassword is { IsEmpty: false } password ? new DirectorySecret(password.Reveal()) : null,
        BaseDn = document.BaseDn?.Trim() ?? string.Empty,
        SearchAttribute = Blank(document.SearchAttribute)?.Trim(),
        ExtraFilter = Blank(document.ExtraFilter)?.Trim(),
        UserBindTemplate = Blank(document.UserBindTemplate)?.Trim(),
        Attributes = overrides,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>The library names fields as C# properties (<c>Attributes.UserFilter</c>); the API as JSON (<c>attributes.userFilter</c>).</summary>
    private static string JsonName(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Platform.Directory.Escaping;
using Platform.Directory.Mapping;
using Platform.Directory.Passwords;
using static Platform.Directory.Settings.SettingsFieldCodes;

namespace Platform.Directory.Settings;

internal static partial class DirectorySettingsValidation
{
    private static readonly TimeSpan MaxConnectTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MaxOperationTimeout = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<SettingsProblem> Validate(DirectorySettings s)
    {
        var problems = new List<SettingsProblem>();
        void Add(string field, string code, string message) => problems.Add(new SettingsProblem(field, code, message));

        if (!Enum.IsDefined(s.Kind))
        {
            Add(nameof(s.Kind), InvalidKind, "Choose ActiveDirectory, OpenLdap or Zimbra.");
        }

        if (HostProblem(s.Host) is { } host)
        {
            Add(nameof(s.Host), host.Code, host.Message);
        }

        if (s.FailoverHost is not null)
        {
            if (HostProblem(s.FailoverHost) is { } failover)
            {
                Add(nameof(s.FailoverHost), failover.Code, failover.Message);
            }
            else if (string.Equals(s.FailoverHost.Trim(), s.Host?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                Add(nameof(s.FailoverHost), FailoverSameAsHost, "The failover host is the same as the host; name a second server or leave it empty.");
            }
        }

        if (s.Port is < 1 or > 65535)
        {
            Add(nameof(s.Port), InvalidPort, "The port must be between 1 and 65535 (389 for LDAP and StartTLS, 636 for LDAPS).");
        }

        if (!Enum.IsDefined(s.Security))
        {
            Add(nameof(s.Security), InvalidSecurity, "Choose none, starttls or ldaps.");
        }

        if (s.CaCertificatePem is not null)
        {
            if (s.Security == DirectorySecurity.None)
            {
                Add(nameof(s.CaCertificatePem), CaWithoutTls, "A CA certificate is only used with starttls or ldaps; choose one of them or remove the certificate.");
            }
            else if (CertificateProblem(s.CaCertificatePem) is { } certificate)
            {
                Add(nameof(s.CaCertificatePem), InvalidCaCertificate, certificate);
            }
        }

        if (s.ConnectTimeout <= TimeSpan.Zero || s.ConnectTimeout > MaxConnectTimeout)
        {
            Add(nameof(s.ConnectTimeout), InvalidConnectTimeout, $"The connect timeout must be more than 0 and at most {MaxConnectTimeout.TotalSeconds:0} seconds.");
        }

        if (s.OperationTimeout <= TimeSpan.Zero || s.OperationTimeout > MaxOperationTimeout)
        {
            Add(nameof(s.OperationTimeout), InvalidOperationTimeout, $"The operation timeout must be more than 0 and at most {MaxOperationTimeout.TotalMinutes:0} minutes.");
        }

        ValidateServiceAccount(s, Add);

        if (string.IsNullOrWhiteSpace(s.BaseDn))
        {
            Add(nameof(s.BaseDn), BaseDnRequired, "The base DN is required, e.g. ou=people,dc=example,dc=com.");
        }
        else if (!LdapDn.IsValid(s.BaseDn))
        {
            Add(nameof(s.BaseDn), InvalidBaseDn, $"'{s.BaseDn}' is not a valid DN; write it as attribute=value pairs separated by commas, e.g. ou=people,dc=example,dc=com.");
        }

        if (s.SearchAttribute is not null
            && !DirectorySettings.LoginAttributes.Contains(s.SearchAttribute, StringComparer.OrdinalIgnoreCase))
        {
            Add(nameof(s.SearchAttribute), InvalidLoginAttribute, $"The login attribute must be one of {string.Join(", ", DirectorySettings.LoginAttributes)}.");
        }

        if (s.ExtraFilter is not null && LdapFilterSyntax.Check(s.ExtraFilter) is { } filter)
        {
            Add(nameof(s.ExtraFilter), InvalidFilter, filter);
        }

        if (s.PageSize is < 1 or > 1000)
        {
            Add(nameof(s.PageSize), InvalidPageSize, "The page size must be between 1 and 1000 (Active Directory returns at most 1000 entries per page).");
        }

        if (s.UserBindTemplate is not null && TemplateProblem(s.UserBindTemplate) is { } template)
        {
            Add(nameof(s.UserBindTemplate), InvalidBindTemplate, template);
        }

        if (s.Attributes is not null && Enum.IsDefined(s.Kind))
        {
            ValidateMapping(s.Mapping, Add);
        }

        return problems;
    }

    private static void ValidateServiceAccount(DirectorySettings s, Action<string, string, string> add)
    {
        if (s.BindDn is null && s.BindPassword is null)
        {
            if (s.UserBindTemplate is null)
            {
                add(nameof(s.BindDn), ServiceAccountRequired, "Without a service account, set a user bind template so that logins can be checked; syncing users needs a service account.");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(s.BindDn))
        {
            add(nameof(s.BindDn), BindDnRequired, "The service account's bind DN (or user@domain) is required when a password is set.");
        }
        else if (s.BindDn.Contains('=', StringComparison.Ordinal) && !LdapDn.IsValid(s.BindDn))
        {
            add(nameof(s.BindDn), InvalidBindDn, "The bind DN is not a valid DN (write it as cn=...,ou=...,dc=...), or use the user@domain form.");
        }

        if (s.BindPassword is null || s.BindPassword.IsEmpty)
        {
            // An empty password is an unauthenticated ("anonymous") bind that many servers accept as success.
            add(nameof(s.BindPassword), BindPasswordMissing, "The service account's password is required; an empty password would bind anonymously.");
        }
        else if (!BindPasswords.IsUsable(s.BindPassword.Reveal()))
        {
            // libldap takes the password as a C string: it would be cut at a NUL, maybe to an anonymous bind.
            add(nameof(s.BindPassword), BindPasswordControlCharacter, "The service account's password contains a control character (such as NUL or a line break); enter it without one.");
        }
    }

    private static void ValidateMapping(AttributeMapping mapping, Action<string, string, string> add)
    {
        var names = new[] { mapping.Id, mapping.Mail }
            .Concat(mapping.Aliases)
            .Concat(mapping.DisplayName)
            .Concat(mapping.Disabled.Attribute is null ? [] : [mapping.Disabled.Attribute]);
        foreach (var name in names.Where(n => !AttributeNames.IsValid(n)))
        {
            add(nameof(DirectorySettings.Attributes), InvalidAttributeName, $"'{name}' is not a valid attribute name.");
        }

        if (mapping.Disabled.Kind != DisabledRuleKind.None && mapping.Disabled.Attribute is null)
        {
            add(nameof(DirectorySettings.Attributes), DisabledRuleNeedsAttribute, "The disabled rule needs an attribute.");
        }

        if (LdapFilterSyntax.Check(mapping.UserFilter) is { } filter)
        {
            add(nameof(DirectorySettings.Attributes), InvalidUserFilter, "User filter: " + filter);
        }
    }

    private static (string Code, string Message)? HostProblem(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return (HostRequired, "The host is required: the directory server's DNS name or IP address.");
        }

        host = host.Trim();
        if (host.Contains("://", StringComparison.Ordinal))
        {
            return (HostWithScheme, "Give the host name only, without ldap:// or ldaps://; choose the security setting instead.");
        }

        if (IPAddress.TryParse(host, out _))
        {
            return null;
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            return (HostWithPort, "Give the host name only; put the port in the port setting.");
        }

        // Label lengths are left to the resolver, which reports an unresolvable name as dns_failure.
        return HostName().IsMatch(host) && host.Length <= 253
            ? null
            : (InvalidHost, $"'{host}' is not a valid host name (letters, digits, '-' and '.').");
    }

    private static string? CertificateProblem(string pem)
    {
        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPem(pem);
            return certificates.Count == 0
                ? "The CA certificate must be in PEM form (-----BEGIN CERTIFICATE----- ...)."
                : null;
        }
        catch (CryptographicException)
        {
            return "The CA certificate could not be read; paste the PEM text (-----BEGIN CERTIFICATE----- ...).";
        }
    }

    private static string? TemplateProblem(string template)
    {
        var count = Regex.Count(template, Regex.Escape(LoginTemplate.Placeholder));
        if (count != 1)
        {
            return $"The user bind template must contain {LoginTemplate.Placeholder} exactly once, e.g. uid={{login}},ou=people,dc=example,dc=com or {{login}}@corp.example.com.";
        }

        return LoginTemplate.IsDn(template) && !LdapDn.IsValid(template.Replace(LoginTemplate.Placeholder, "x", StringComparison.Ordinal))
            ? "The user bind template is not a valid DN."
            : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$")]
    private static partial Regex HostName();
}

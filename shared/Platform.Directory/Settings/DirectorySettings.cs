using Platform.Directory.Mapping;

namespace Platform.Directory.Settings;

/// <summary>
/// How to reach and read one domain's directory. Immutable; <see cref="Validate"/> names every invalid field, and a
/// client is only ever created from valid settings. <see cref="BindPassword"/> prints as <c>********</c>.
/// </summary>
public sealed record DirectorySettings
{
    /// <summary>The login attributes an admin may choose from.</summary>
    public static IReadOnlyList<string> LoginAttributes { get; } = ["sAMAccountName", "userPrincipalName", "uid", "cn", "mail"];

    public required DirectoryKind Kind { get; init; }

    /// <summary>The directory server's DNS name or IP address, as its certificate names it when TLS is used.</summary>
    public required string Host { get; init; }

    /// <summary>Null for the default: 636 with LDAPS, otherwise 389.</summary>
    public int? Port { get; init; }

    public DirectorySecurity Security { get; init; } = DirectorySecurity.StartTls;

    /// <summary>The CA certificate(s), PEM, that issued the server's certificate; null trusts the public CAs.</summary>
    public string? CaCertificatePem { get; init; }

    /// <summary>A second server, tried when <see cref="Host"/> is unreachable (same port and security).</summary>
    public string? FailoverHost { get; init; }

    /// <summary>How long to wait for DNS, the TCP connection and the TLS handshake.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for each bind, search page or lookup.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The service account (a DN, or user@domain / DOMAIN\user for Active Directory); null for none.</summary>
    public string? BindDn { get; init; }

    public DirectorySecret? BindPassword { get; init; }

    /// <summary>Where users are searched (subtree).</summary>
    public required string BaseDn { get; init; }

    /// <summary>The login attribute (one of <see cref="LoginAttributes"/>); null for the kind's default.</summary>
    public string? SearchAttribute { get; init; }

    /// <summary>An extra filter ANDed with the user filter, e.g. <c>(memberOf=cn=mail-users,ou=groups,dc=example,dc=com)</c>.</summary>
    public string? ExtraFilter { get; init; }

    /// <summary>Changes to the kind's attribute mapping; null keeps the defaults.</summary>
    public AttributeOverrides? Attributes { get; init; }

    /// <summary>Entries per page of a paged search; at most 1000 (Active Directory's default MaxPageSize).</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>
    /// How to bind as a user when there is no service account to find their DN: a DN such as
    /// <c>uid={login},ou=people,dc=example,dc=com</c> (the login is DN-escaped) or a name such as
    /// <c>{login}@corp.example.com</c>.
    /// </summary>
    public string? UserBindTemplate { get; init; }

    public int EffectivePort => Port ?? (Security == DirectorySecurity.Ldaps ? 636 : 389);

    /// <summary>
    /// The attribute a login is looked up by: the chosen one, else for an Active Directory bound by UPN without a
    /// service account (template <c>{login}</c>) <c>userPrincipalName</c> (the user reads their own entry by the UPN they
    /// bound with), else the kind's default.
    /// </summary>
    public string LoginAttribute => SearchAttribute is not null
        ? LoginAttributes.First(a => string.Equals(a, SearchAttribute, StringComparison.OrdinalIgnoreCase))
        : Kind == DirectoryKind.ActiveDirectory && !HasServiceAccount && LoginTemplate.IsUpnBind(UserBindTemplate)
            ? "userPrincipalName"
            : DirectoryKindDefaults.For(Kind).Login;

    public AttributeMapping Mapping => DirectoryKindDefaults.For(Kind).With(Attributes);

    public bool HasServiceAccount => BindDn is not null;

    /// <summary>Every invalid field, with a message an admin can act on; empty when the settings are usable.</summary>
    public IReadOnlyList<SettingsProblem> Validate() => DirectorySettingsValidation.Validate(this);

    /// <summary>These settings, or <see cref="InvalidDirectorySettingsException"/> naming every invalid field.</summary>
    public DirectorySettings EnsureValid()
    {
        var problems = Validate();
        return problems.Count == 0 ? this : throw new InvalidDirectorySettingsException(problems);
    }
}

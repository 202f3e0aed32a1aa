namespace Platform.Contracts;

/// <summary>
/// A domain's directory settings were saved or removed: everything a service needs to reach the directory and
/// verify a login. The bind password travels only encrypted under the platform key
/// (<see cref="ProtectedBindPassword"/>, bound to the domain), never in clear.
/// </summary>
public sealed record DirectorySettingsChanged
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Domain { get; init; }

    /// <summary>
    /// 1, 2, 3, …: one more with every change of this domain's settings. A consumer keeps the highest it has seen,
    /// ignores older ones, and refuses one that skips a version (auth does).
    /// </summary>
    public required long Version { get; init; }

    /// <summary>False when the domain's directory settings were removed (then only the identity fields are set).</summary>
    public required bool Configured { get; init; }

    /// <summary><c>activeDirectory</c>, <c>openLdap</c> or <c>zimbra</c>.</summary>
    public string? Kind { get; init; }

    public string? Host { get; init; }
    public int? Port { get; init; }

    /// <summary><c>none</c>, <c>starttls</c> or <c>ldaps</c>.</summary>
    public string? Security { get; init; }

    public string? CaCertificatePem { get; init; }
    public string? FailoverHost { get; init; }
    public int? ConnectTimeoutSeconds { get; init; }
    public int? OperationTimeoutSeconds { get; init; }
    public string? BindDn { get; init; }

    /// <summary>The service account's password, AES-GCM encrypted under the platform's key for this domain.</summary>
    public string? ProtectedBindPassword { get; init; }

    public string? BaseDn { get; init; }
    public string? LoginAttribute { get; init; }
    public string? ExtraFilter { get; init; }
    public string? UserBindTemplate { get; init; }

    /// <summary>
    /// Other domains the directory's logins end in (Active Directory UPN suffixes such as <c>corp.local</c>): a user may
    /// log in as <c>j.doe@corp.local</c>, and their entry's mail decides which of this domain's addresses the session is.
    /// </summary>
    public IReadOnlyList<string>? LoginSuffixes { get; init; }

    /// <summary>Changes to the kind's attribute mapping; null keeps the kind's defaults.</summary>
    public DirectoryAttributeOverrides? Attributes { get; init; }
}

/// <summary>A domain's changes to its directory kind's attribute mapping; each null member keeps the default.</summary>
public sealed record DirectoryAttributeOverrides
{
    public string? Id { get; init; }
    public string? Mail { get; init; }
    public IReadOnlyList<string>? Aliases { get; init; }
    public IReadOnlyList<string>? DisplayName { get; init; }

    /// <summary><c>none</c>, <c>accountControlFlag</c> or <c>activeStatus</c>, with <see cref="DisabledAttribute"/>.</summary>
    public string? DisabledRule { get; init; }

    public string? DisabledAttribute { get; init; }

    /// <summary><c>uSNChanged</c> or <c>modifyTimestamp</c>.</summary>
    public string? ChangeTracking { get; init; }

    public string? UserFilter { get; init; }
}

namespace Platform.Directory.Mapping;

/// <summary>How an entry says that its account is disabled.</summary>
public enum DisabledRuleKind
{
    /// <summary>The directory has no notion of disabled accounts (plain OpenLDAP): nobody is disabled.</summary>
    None,

    /// <summary>Active Directory: the ACCOUNTDISABLE bit (0x2) of <c>userAccountControl</c>.</summary>
    AccountControlFlag,

    /// <summary>Zimbra: disabled unless <c>zimbraAccountStatus</c> is <c>active</c>.</summary>
    ActiveStatus,
}

/// <summary>A <see cref="DisabledRuleKind"/> applied to one attribute.</summary>
public sealed record DisabledRule(DisabledRuleKind Kind, string? Attribute)
{
    public static DisabledRule None { get; } = new(DisabledRuleKind.None, null);

    public static DisabledRule AccountControl(string attribute = "userAccountControl") => new(DisabledRuleKind.AccountControlFlag, attribute);

    public static DisabledRule ActiveStatus(string attribute = "zimbraAccountStatus") => new(DisabledRuleKind.ActiveStatus, attribute);
}

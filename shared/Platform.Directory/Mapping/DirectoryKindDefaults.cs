namespace Platform.Directory.Mapping;

public static class DirectoryKindDefaults
{
    private static readonly AttributeMapping ActiveDirectory = new()
    {
        Id = "objectGUID",
        Login = "sAMAccountName",
        Mail = "mail",
        Aliases = ["proxyAddresses"],
        DisplayName = ["displayName", "cn"],
        Disabled = DisabledRule.AccountControl(),
        Changes = ChangeTracking.UsnChanged,
        UserFilter = "(&(objectCategory=person)(objectClass=user))",
    };

    // Plain OpenLDAP has no account state: nobody is disabled, even if an entry happens to carry an AD-style
    // userAccountControl (our test schema has one). A domain that has a convention overrides Disabled.
    private static readonly AttributeMapping OpenLdap = new()
    {
        Id = "entryUUID",
        Login = "uid",
        Mail = "mail",
        Aliases = ["mailAlternateAddress"],
        DisplayName = ["displayName", "cn"],
        Disabled = DisabledRule.None,
        Changes = ChangeTracking.ModifyTimestamp,
        UserFilter = "(objectClass=inetOrgPerson)",
    };

    private static readonly AttributeMapping Zimbra = new()
    {
        Id = "entryUUID",
        Login = "uid",
        Mail = "mail",
        Aliases = ["zimbraMailAlias"],
        DisplayName = ["displayName", "cn"],
        Disabled = DisabledRule.ActiveStatus(),
        Changes = ChangeTracking.ModifyTimestamp,
        UserFilter = "(objectClass=zimbraAccount)",
    };

    public static AttributeMapping For(DirectoryKind kind) => kind switch
    {
        DirectoryKind.ActiveDirectory => ActiveDirectory,
        DirectoryKind.OpenLdap => OpenLdap,
        DirectoryKind.Zimbra => Zimbra,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown directory kind."),
    };
}

using Platform.Directory.Mapping;
using Platform.Directory.Search;
using Xunit;

namespace Platform.Directory.Tests.Unit;

public sealed class Mapping_entries_to_users
{
    private static readonly byte[] Guid = [0x10, 0x32, 0x54, 0x76, 0x98, 0xBA, 0xDC, 0xFE, 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF];

    [Fact]
    public void Maps_an_active_directory_user()
    {
        var entry = Entry("CN=Alice Smith,OU=Staff,DC=corp,DC=example,DC=com",
            ("objectGUID", [Guid]),
            ("sAMAccountName", ["alice"]),
            ("mail", ["Alice@Example.com"]),
            ("proxyAddresses", ["SMTP:Alice@Example.com", "smtp:alice.smith@example.com", "X500:/o=Exchange/cn=alice", "smtp:not an address"]),
            ("displayName", ["Alice Smith"]),
            ("cn", ["Alice"]),
            ("userAccountControl", ["512"]),
            ("uSNChanged", ["123456"]));

        var user = Assert.IsType<DirectoryUser>(UserMapper.Map(entry, DirectoryKindDefaults.For(DirectoryKind.ActiveDirectory), "sAMAccountName"));

        Assert.Equal(new DirectoryUser(
            "76543210-ba98-fedc-0123-456789abcdef", entry.Dn, "alice", "alice@example.com", ["alice.smith@example.com"], "Alice Smith", false, "123456"),
            user);
    }

    [Theory]
    [InlineData("512", false)]
    [InlineData("514", true)]
    [InlineData("66050", true)]
    [InlineData("66048", false)]
    [InlineData("", false)]
    [InlineData("garbage", false)]
    public void Reads_the_disabled_bit_of_user_account_control(string flags, bool disabled)
    {
        var entry = Entry("cn=a", ("objectGUID", [Guid]), ("mail", ["a@example.com"]), ("userAccountControl", [flags]));

        var user = Assert.IsType<DirectoryUser>(UserMapper.Map(entry, DirectoryKindDefaults.For(DirectoryKind.ActiveDirectory), "sAMAccountName"));

        Assert.Equal(disabled, user.Disabled);
    }

    [Fact]
    public void Takes_mail_as_primary_when_no_proxy_address_is_primary()
    {
        var entry = Entry("cn=a", ("objectGUID", [Guid]), ("mail", ["a@example.com"]), ("proxyAddresses", ["smtp:b@example.com"]));

        var user = Assert.IsType<DirectoryUser>(UserMapper.Map(entry, DirectoryKindDefaults.For(DirectoryKind.ActiveDirectory), "sAMAccountName"));

        Assert.Equal("a@example.com", user.PrimaryAddress);
        Assert.Equal(["b@example.com"], user.Aliases);
    }

    [Fact]
    public void Keeps_mail_as_an_alias_when_the_primary_proxy_address_differs()
    {
        var entry = Entry("cn=a", ("objectGUID", [Guid]), ("mail", ["old@example.com"]), ("proxyAddresses", ["SMTP:new@example.com"]));

        var user = Assert.IsType<DirectoryUser>(UserMapper.Map(entry, DirectoryKindDefaults.For(DirectoryKind.ActiveDirectory), "sAMAccountName"));

        Assert.Equal("new@example.com", user.PrimaryAddress);
        Assert.Equal(["old@example.com"], user.Aliases);
    }

    [Fact]
    public void Maps_an_openldap_user_with_alternate_addresses_and_never_disables_it()
    {
        var entry = Entry("uid=bob,ou=people,dc=example,dc=com",
            ("entryUUID", ["c0ffee00-0000-4000-8000-000000000001"]),
            ("uid", ["bob"]),
            ("mail", ["Bob@example.com", "robert@example.com"]),
            ("mailAlternateAddress", ["bob.b@example.com", "BOB@example.com"]),
            ("cn", ["Bob B"]),
            ("userAccountControl", ["514"]),
            ("modifyTimestamp", ["20240102030405Z"]));

        var user = Assert.IsType<DirectoryUser>(UserMapper.Map(entry, DirectoryKindDefaults.For(DirectoryKind.OpenLdap), "uid"));

        Assert.Equal("c0ffee00-0000-4000-8000-000000000001", user.Id);
        Assert.Equal("bob@example.com", user.PrimaryAddress);
        Assert.Equal(["robert@example.com", "bob.b@example.com"], user.Aliases);
        Assert.Equal("Bob B", user.DisplayName);
        Assert.False(user.Disabled);
        Assert.Equal("20240102030405Z", user.ChangeMarker);
    }

    [Theory]
    [InlineData("active", false)]
    [InlineData("ACTIVE", false)]
    [InlineData("locked", true)]
    [InlineData("closed", true)]
    [InlineData(null, true)]
    public void Disables_a_zimbra_account_unless_it_is_active(string? status, bool disabled)
    {
        var entry = status is null
            ? Entry("uid=z", ("entryUUID", ["id"]), ("mail", ["z@example.com"]))
            : Entry("uid=z", ("entryUUID", ["id"]), ("mail", ["z@example.com"]), ("zimbraAccountStatus", [status]), ("zimbraMailAlias", ["zz@example.com"]));

        var user = Assert.IsType<DirectoryUser>(UserMapper.Map(entry, DirectoryKindDefaults.For(DirectoryKind.Zimbra), "uid"));

        Assert.Equal(disabled, user.Disabled);
    }

    [Theory]
    [InlineData(EntryProblemCodes.MissingId)]
    [InlineData(EntryProblemCodes.NoAddress)]
    [InlineData(EntryProblemCodes.InvalidAddress)]
    public void Reports_an_unusable_entry_as_a_problem_of_that_entry(string code)
    {
        var entry = code switch
        {
            EntryProblemCodes.MissingId => Entry("uid=x,dc=example", ("mail", ["x@example.com"])),
            EntryProblemCodes.NoAddress => Entry("uid=x,dc=example", ("entryUUID", ["id"])),
            _ => Entry("uid=x,dc=example", ("entryUUID", ["id"]), ("mail", ["not an address"])),
        };

        var problem = Assert.IsType<EntryProblem>(UserMapper.Map(entry, DirectoryKindDefaults.For(DirectoryKind.OpenLdap), "uid"));

        Assert.Equal(code, problem.Code);
        Assert.Equal("uid=x,dc=example", problem.Dn);
    }

    [Fact]
    public void Rejects_an_object_guid_that_is_not_16_bytes()
    {
        var entry = Entry("cn=a", ("objectGUID", [new byte[3]]), ("mail", ["a@example.com"]));

        var problem = Assert.IsType<EntryProblem>(UserMapper.Map(entry, DirectoryKindDefaults.For(DirectoryKind.ActiveDirectory), "sAMAccountName"));

        Assert.Equal(EntryProblemCodes.MissingId, problem.Code);
    }

    [Theory]
    [InlineData("alice@example.com", true)]
    [InlineData("a.b+tag@sub.example.co.uk", true)]
    [InlineData("j\u00f6rg@example.com", true)]
    [InlineData("alice", false)]
    [InlineData("@example.com", false)]
    [InlineData("alice@", false)]
    [InlineData("a@b@example.com", false)]
    [InlineData("Alice <alice@example.com>", false)]
    [InlineData("alice @example.com", false)]
    [InlineData("alice@example.com,bob@example.com", false)]
    public void Accepts_only_bare_deliverable_addresses(string address, bool valid)
    {
        Assert.Equal(valid, MailAddresses.IsValid(address));
    }

    private static RawEntry Entry(string dn, params (string Name, object[] Values)[] attributes) =>
        new(dn, attributes.ToDictionary(a => a.Name, a => (IReadOnlyList<object>)a.Values, StringComparer.OrdinalIgnoreCase));
}

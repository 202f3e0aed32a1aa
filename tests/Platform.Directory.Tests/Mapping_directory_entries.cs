using Platform.Directory.Mapping;
using Platform.Directory.Search;
using Platform.Directory.Tests.Fixtures;
using Xunit;

namespace Platform.Directory.Tests;

public sealed class Mapping_directory_entries
{
    [Fact]
    public async Task Reads_active_directory_shaped_users()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddAdUserAsync("alice", mail: "Alice@Example.com", displayName: "Alice Smith", proxyAddresses:
            ["SMTP:Alice@Example.com", "smtp:alice.smith@example.com", "smtp:SALES@example.com", "X500:/o=Exchange/ou=First/cn=Recipients/cn=alice"]);
        await subtree.AddAdUserAsync("dave", mail: "dave@example.com", accountControl: 514);
        await subtree.AddAdUserAsync("jdoe", mail: "john.doe@example.com", proxyAddresses: ["SMTP:John.Doe@example.com", "smtp:jdoe@example.com"], upn: "jdoe@corp.example.local");
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings(DirectoryKind.ActiveDirectory));

        var users = (await client.GetUsersAsync().ToListAsync()).Cast<DirectoryUser>().ToDictionary(u => u.Login!);

        var alice = users["alice"];
        Assert.True(Guid.TryParse(alice.Id, out _));
        Assert.Equal("alice@example.com", alice.PrimaryAddress);
        Assert.Equal(["alice.smith@example.com", "sales@example.com"], alice.Aliases.Order());
        Assert.Equal("Alice Smith", alice.DisplayName);
        Assert.False(alice.Disabled);
        Assert.Matches("^[0-9]{14}Z$", alice.ChangeMarker);
        Assert.True(users["dave"].Disabled);
        Assert.Equal("dave", users["dave"].DisplayName);
        Assert.Equal("john.doe@example.com", users["jdoe"].PrimaryAddress);
        Assert.Equal(["jdoe@example.com"], users["jdoe"].Aliases);
        Assert.Equal(3, users.Values.Select(u => u.Id).Distinct().Count());
    }

    [Fact]
    public async Task Reports_each_unusable_entry_and_still_returns_every_other_user()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddAdUserAsync("alice", mail: "alice@example.com");
        var noMail = await subtree.AddAdUserAsync("printer");
        var badMail = await subtree.AddAdUserAsync("typo", mail: "typo@@example.com");
        await subtree.AddAdUserAsync("zoe", mail: "zoe@example.com");
        using var factory = LocalLdap.Factory();

        var entries = await factory.Create(subtree.Settings(DirectoryKind.ActiveDirectory)).GetUsersAsync().ToListAsync();

        Assert.Equal(["alice", "zoe"], entries.OfType<DirectoryUser>().Select(u => u.Login!).Order());
        var problems = entries.OfType<EntryProblem>().ToDictionary(p => p.Dn);
        Assert.Equal(EntryProblemCodes.NoAddress, problems[noMail].Code);
        Assert.Equal(EntryProblemCodes.InvalidAddress, problems[badMail].Code);
    }

    [Fact]
    public async Task Reads_openldap_users_with_alternate_addresses_and_no_notion_of_disabled()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("bob",
            ("mail", ["bob@example.com"]), ("mailAlternateAddress", ["robert@example.com", "BOB@example.com"]),
            ("displayName", ["Bob Builder"]), ("userAccountControl", ["514"]));
        using var factory = LocalLdap.Factory();

        var bob = Assert.IsType<DirectoryUser>(Assert.Single(await factory.Create(subtree.Settings()).GetUsersAsync().ToListAsync()));

        Assert.Equal("bob", bob.Login);
        Assert.Equal("bob@example.com", bob.PrimaryAddress);
        Assert.Equal(["robert@example.com"], bob.Aliases);
        Assert.Equal("Bob Builder", bob.DisplayName);
        Assert.False(bob.Disabled);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", bob.Id);
    }

    [Fact]
    public async Task Reads_zimbra_users_with_aliases_and_their_account_status()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("carol", ("mail", ["carol@example.com"]), ("zimbraMailAlias", ["c@example.com"]), ("zimbraAccountStatus", ["active"]));
        await subtree.AddUserAsync("dave", ("mail", ["dave@example.com"]), ("zimbraAccountStatus", ["locked"]));
        using var factory = LocalLdap.Factory();

        var users = (await factory.Create(subtree.Settings(DirectoryKind.Zimbra)).GetUsersAsync().ToListAsync())
            .Cast<DirectoryUser>().ToDictionary(u => u.Login!);

        Assert.Equal(["c@example.com"], users["carol"].Aliases);
        Assert.False(users["carol"].Disabled);
        Assert.True(users["dave"].Disabled);
    }

    [Fact]
    public async Task Uses_the_overridden_attributes()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("erin", ("mail", ["erin@example.com"]), ("employeeNumber", ["E-42"]), ("zimbraMailAlias", ["e@example.com"]));
        using var factory = LocalLdap.Factory();
        var settings = subtree.Settings() with
        {
            SearchAttribute = "mail",
            Attributes = new AttributeOverrides { Id = "employeeNumber", Aliases = ["zimbraMailAlias"], DisplayName = ["sn"] },
        };

        var erin = Assert.IsType<DirectoryUser>(Assert.Single(await factory.Create(settings).GetUsersAsync().ToListAsync()));

        Assert.Equal("E-42", erin.Id);
        Assert.Equal("erin@example.com", erin.Login);
        Assert.Equal(["e@example.com"], erin.Aliases);
        Assert.Equal("erin", erin.DisplayName);
    }
}

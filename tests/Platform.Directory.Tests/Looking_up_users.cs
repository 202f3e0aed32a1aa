using Platform.Directory.Search;
using Platform.Directory.Tests.Fixtures;
using Xunit;

namespace Platform.Directory.Tests;

public sealed class Looking_up_users
{
    [Fact]
    public async Task Finds_a_user_by_the_configured_login_attribute()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddAdUserAsync("alice", mail: "alice@example.com", upn: "alice@corp.example.com");
        await subtree.AddAdUserAsync("alicia", mail: "alicia@example.com");
        using var factory = LocalLdap.Factory();
        var bySam = factory.Create(subtree.Settings(DirectoryKind.ActiveDirectory));
        var byUpn = factory.Create(subtree.Settings(DirectoryKind.ActiveDirectory) with { SearchAttribute = "userPrincipalName" });

        var sam = await bySam.FindUserByLoginAsync("ALICE");
        var upn = await byUpn.FindUserByLoginAsync("alice@corp.example.com");
        var samAsUpn = await byUpn.FindUserByLoginAsync("alice");

        Assert.Equal(LookupOutcome.Found, sam.Outcome);
        Assert.Equal("alice@example.com", sam.User!.PrimaryAddress);
        Assert.Equal("alice@example.com", upn.User?.PrimaryAddress);
        Assert.Equal("alice@corp.example.com", upn.User?.Login);
        Assert.Equal(LookupOutcome.NotFound, samAsUpn.Outcome);
    }

    [Fact]
    public async Task Finds_a_user_by_primary_address_or_alias_in_any_case()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddAdUserAsync("alice", mail: "alice@example.com", proxyAddresses: ["SMTP:alice@example.com", "smtp:sales@example.com"]);
        await subtree.AddUserAsync("bob", ("mail", ["bob@example.com"]), ("mailAlternateAddress", ["robert@example.com"]));
        using var factory = LocalLdap.Factory();
        var ad = factory.Create(subtree.Settings(DirectoryKind.ActiveDirectory));
        var openLdap = factory.Create(subtree.Settings());

        Assert.Equal("alice", (await ad.FindUserByAddressAsync("Alice@Example.COM")).User?.Login);
        Assert.Equal("alice", (await ad.FindUserByAddressAsync("SALES@example.com")).User?.Login);
        Assert.Equal("bob", (await openLdap.FindUserByAddressAsync("Robert@example.com")).User?.Login);
        Assert.Equal(LookupOutcome.NotFound, (await ad.FindUserByAddressAsync("nobody@example.com")).Outcome);
        Assert.Equal(LookupOutcome.NotFound, (await ad.FindUserByAddressAsync("not an address")).Outcome);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*)(uid=*")]
    [InlineData("*)(sAMAccountName=*")]
    [InlineData("admin)(|(uid=*")]
    [InlineData("admin*")]
    [InlineData("adm\0in")]
    [InlineData("admin\\")]
    [InlineData("\\2a")]
    [InlineData("(objectClass=*)")]
    public async Task Finds_nothing_for_injection_attempts_in_a_login(string login)
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddAdUserAsync("admin", mail: "admin@example.com");
        await subtree.AddAdUserAsync("alice", mail: "alice@example.com");
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings(DirectoryKind.ActiveDirectory));

        var lookup = await client.FindUserByLoginAsync(login);
        var password = await client.VerifyPasswordAsync(login, TestSubtree.UserPassword);

        Assert.Equal(LookupOutcome.NotFound, lookup.Outcome);
        Assert.Equal(Passwords.PasswordOutcome.UnknownUser, password.Outcome);
    }

    [Theory]
    [InlineData("a*b")]
    [InlineData("*)(uid=*")]
    [InlineData("x\\y")]
    [InlineData("(paren)")]
    [InlineData("Jörg Müller")]
    [InlineData("Smith, John + #1")]
    public async Task Finds_exactly_the_user_whose_login_contains_special_characters(string login)
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync(login, ("mail", ["special@example.com"]));
        await subtree.AddUserAsync("axb", ("mail", ["axb@example.com"]));
        await subtree.AddUserAsync("other", ("mail", ["other@example.com"]));
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings());

        var lookup = await client.FindUserByLoginAsync(login);

        Assert.Equal(LookupOutcome.Found, lookup.Outcome);
        Assert.Equal("special@example.com", lookup.User!.PrimaryAddress);
        Assert.Equal(login, lookup.User.Login);
    }

    [Theory]
    [InlineData("*@example.com")]
    [InlineData("a*@example.com")]
    [InlineData("*)(mail=*@example.com")]
    public async Task Finds_nothing_for_injection_attempts_in_an_address(string address)
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        using var factory = LocalLdap.Factory();

        var lookup = await factory.Create(subtree.Settings()).FindUserByAddressAsync(address);

        Assert.Equal(LookupOutcome.NotFound, lookup.Outcome);
    }

    [Fact]
    public async Task Reports_an_address_shared_by_two_users_as_ambiguous()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]), ("mailAlternateAddress", ["team@example.com"]));
        await subtree.AddUserAsync("bob", ("mail", ["bob@example.com"]), ("mailAlternateAddress", ["team@example.com"]));
        using var factory = LocalLdap.Factory();

        var lookup = await factory.Create(subtree.Settings()).FindUserByAddressAsync("team@example.com");

        Assert.Equal(LookupOutcome.Ambiguous, lookup.Outcome);
        Assert.Null(lookup.User);
    }

    [Fact]
    public async Task Reports_a_matching_entry_that_cannot_be_used()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("printer");
        using var factory = LocalLdap.Factory();

        var lookup = await factory.Create(subtree.Settings()).FindUserByLoginAsync("printer");

        Assert.Equal(LookupOutcome.Unusable, lookup.Outcome);
        Assert.Equal(EntryProblemCodes.NoAddress, lookup.Problem?.Code);
    }

    [Fact]
    public async Task Looks_only_at_users_the_extra_filter_admits()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]), ("businessCategory", ["mail-users"]));
        await subtree.AddUserAsync("bob", ("mail", ["bob@example.com"]));
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with { ExtraFilter = "(businessCategory=mail-users)" });

        Assert.Equal(LookupOutcome.Found, (await client.FindUserByLoginAsync("alice")).Outcome);
        Assert.Equal(LookupOutcome.NotFound, (await client.FindUserByLoginAsync("bob")).Outcome);
        Assert.Equal(LookupOutcome.NotFound, (await client.FindUserByAddressAsync("bob@example.com")).Outcome);
        Assert.Equal(["alice"], (await client.GetUsersAsync().ToListAsync()).Cast<DirectoryUser>().Select(u => u.Login));
    }
}

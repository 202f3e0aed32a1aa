using Platform.Directory.Passwords;
using Platform.Directory.Settings;
using Platform.Directory.Tests.Fixtures;
using Platform.Testing;
using Xunit;

namespace Platform.Directory.Tests;

public sealed class Verifying_passwords
{
    [Fact]
    public async Task Accepts_the_right_password_and_returns_the_user()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddAdUserAsync("alice", mail: "alice@example.com");
        using var factory = LocalLdap.Factory();

        var check = await factory.Create(subtree.Settings(DirectoryKind.ActiveDirectory)).VerifyPasswordAsync("alice", TestSubtree.UserPassword);

        Assert.Equal(PasswordOutcome.Verified, check.Outcome);
        Assert.Equal("alice@example.com", check.User?.PrimaryAddress);
        Assert.False(check.User!.Disabled);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("user-password-")]
    [InlineData("USER-PASSWORD-1")]
    [InlineData(" ")]
    public async Task Rejects_a_wrong_password(string password)
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddAdUserAsync("alice", mail: "alice@example.com");
        using var factory = LocalLdap.Factory();

        var check = await factory.Create(subtree.Settings(DirectoryKind.ActiveDirectory)).VerifyPasswordAsync("alice", password);

        Assert.Equal(PasswordOutcome.WrongPassword, check.Outcome);
        Assert.False(check.IsVerified);
    }

    [Fact]
    public async Task Never_sends_an_empty_password_which_would_bind_anonymously()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddAdUserAsync("alice", mail: "alice@example.com");
        using var factory = LocalLdap.Factory();
        var reachable = factory.Create(subtree.Settings(DirectoryKind.ActiveDirectory));
        // Nothing listens here: an attempt to connect would throw, so the answer comes without any bind.
        var unreachable = factory.Create(subtree.Settings(DirectoryKind.ActiveDirectory) with { Port = Listeners.FreePort() });

        Assert.Equal(PasswordOutcome.EmptyPassword, (await reachable.VerifyPasswordAsync("alice", "")).Outcome);
        Assert.Equal(PasswordOutcome.EmptyPassword, (await unreachable.VerifyPasswordAsync("alice", "")).Outcome);
    }

    [Fact]
    public async Task Reports_a_disabled_user_who_knows_their_password_as_disabled()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddAdUserAsync("dave", mail: "dave@example.com", accountControl: 514);
        using var factory = LocalLdap.Factory();

        var check = await factory.Create(subtree.Settings(DirectoryKind.ActiveDirectory)).VerifyPasswordAsync("dave", TestSubtree.UserPassword);

        Assert.Equal(PasswordOutcome.Verified, check.Outcome);
        Assert.True(check.User?.Disabled);
    }

    [Fact]
    public async Task Reports_an_unknown_login()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();

        var check = await factory.Create(subtree.Settings()).VerifyPasswordAsync("nobody", TestSubtree.UserPassword);

        Assert.Equal(PasswordOutcome.UnknownUser, check.Outcome);
    }

    [Fact]
    public async Task Binds_through_a_dn_template_without_a_service_account()
    {
        const string login = "O'Hara, Jr. + #2";
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync(login, ("mail", ["ohara@example.com"]));
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with
        {
            BindDn = null, BindPassword = null, UserBindTemplate = "uid={login}," + subtree.Dn,
        });

        var right = await client.VerifyPasswordAsync(login, TestSubtree.UserPassword);
        var wrong = await client.VerifyPasswordAsync(login, "wrong");
        var injected = await client.VerifyPasswordAsync("alice," + subtree.Dn, TestSubtree.UserPassword);

        Assert.Equal(PasswordOutcome.Verified, right.Outcome);
        // Bound as the user, the user's own entry was read with their own rights.
        Assert.Equal("ohara@example.com", right.User?.PrimaryAddress);
        Assert.Equal(PasswordOutcome.WrongPassword, wrong.Outcome);
        Assert.NotEqual(PasswordOutcome.Verified, injected.Outcome);
    }

    [Fact]
    public async Task Keeps_a_connection_for_password_checks_apart_from_the_service_account_and_binds_it_again_for_each_check()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        await subtree.AddUserAsync("bob", ("mail", ["bob@example.com"]), ("userPassword", [TestSubtree.Ssha("bobs-own-password-2")]));
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings());

        var alice = await client.VerifyPasswordAsync("alice", TestSubtree.UserPassword);
        var bobWithAlicesPassword = await client.VerifyPasswordAsync("bob", TestSubtree.UserPassword);
        var bob = await client.VerifyPasswordAsync("bob", "bobs-own-password-2");
        var aliceWrong = await client.VerifyPasswordAsync("alice", "wrong");
        var aliceAgain = await client.VerifyPasswordAsync("alice", TestSubtree.UserPassword);
        var lookup = await client.FindUserByLoginAsync("bob");

        Assert.Equal(
            [PasswordOutcome.Verified, PasswordOutcome.WrongPassword, PasswordOutcome.Verified, PasswordOutcome.WrongPassword, PasswordOutcome.Verified],
            new[] { alice, bobWithAlicesPassword, bob, aliceWrong, aliceAgain }.Select(c => c.Outcome));
        Assert.Equal("bob", bob.User?.Login);
        // One connection for the five checks, bound again each time, whatever the previous check's outcome.
        Assert.Equal((1, 4), (factory.BindPoolStatistics.Opened, factory.BindPoolStatistics.Reused));
        // Had a user-bound connection gone to the service account's pool, its lookups would run as that user.
        Assert.Equal(1, factory.PoolStatistics.Opened);
        Assert.Equal("bob", lookup.User?.Login);
    }

    [Fact]
    public async Task Checks_on_a_new_connection_when_the_server_dropped_the_kept_one()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        await using var proxy = TcpProxy.Start(LocalLdap.Host, LocalLdap.Port);
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with { Port = proxy.Port });
        await client.VerifyPasswordAsync("alice", TestSubtree.UserPassword);

        proxy.Cut();
        proxy.Restore();
        var right = await client.VerifyPasswordAsync("alice", TestSubtree.UserPassword);
        var wrong = await client.VerifyPasswordAsync("alice", "wrong");

        Assert.Equal(PasswordOutcome.Verified, right.Outcome);
        Assert.Equal(PasswordOutcome.WrongPassword, wrong.Outcome);
        Assert.Equal(1, factory.BindPoolStatistics.Discarded);
    }

    [Fact]
    public void Refuses_settings_with_an_empty_service_password()
    {
        using var factory = LocalLdap.Factory();
        var settings = new DirectorySettings
        {
            Kind = DirectoryKind.OpenLdap, Host = LocalLdap.Host, BaseDn = "o=tests", BindDn = "cn=reader,o=tests", BindPassword = new DirectorySecret(""),
        };

        var error = Assert.Throws<InvalidDirectorySettingsException>(() => factory.Create(settings));

        Assert.Equal("BindPassword", Assert.Single(error.Problems).Field);
    }
}

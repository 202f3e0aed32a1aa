using Platform.Directory.Failures;
using Platform.Directory.Search;
using Platform.Directory.Settings;
using Platform.Directory.Tests.Fixtures;
using Xunit;

namespace Platform.Directory.Tests;

public sealed class Failing_over
{
    [Fact]
    public async Task Uses_the_failover_host_when_the_first_is_unreachable()
    {
        // slapd listens on 127.0.0.1 only: the same port on 127.0.0.2 refuses connections.
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with { Host = "127.0.0.2", FailoverHost = LocalLdap.Host });

        var lookup = await client.FindUserByLoginAsync("alice");
        var password = await client.VerifyPasswordAsync("alice", TestSubtree.UserPassword);

        Assert.Equal(LookupOutcome.Found, lookup.Outcome);
        Assert.True(password.IsVerified);
    }

    [Fact]
    public async Task Does_not_fail_over_when_the_first_host_rejects_the_credentials()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with
        {
            BindPassword = new DirectorySecret("wrong"), FailoverHost = "127.0.0.2",
        });

        var error = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.FindUserByLoginAsync("alice"));

        Assert.Equal(DirectoryFailureCodes.InvalidServiceCredentials, error.Code);
    }

    [Fact]
    public async Task Reports_the_first_hosts_failure_when_both_are_unreachable()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with { Port = Listeners.FreePort(), FailoverHost = "127.0.0.2" });

        var error = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.FindUserByLoginAsync("alice"));

        Assert.Equal(DirectoryFailureCodes.ConnectionRefused, error.Code);
        Assert.Contains("127.0.0.1", error.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("The failover host 127.0.0.2 failed too (connection_refused)", error.Failure.Message, StringComparison.Ordinal);
    }
}

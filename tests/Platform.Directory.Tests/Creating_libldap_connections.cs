using Platform.Directory.Connections;
using Platform.Directory.Tests.Fixtures;
using Xunit;

namespace Platform.Directory.Tests;

public sealed class Creating_libldap_connections
{
    [Fact]
    public async Task Leaves_libldap_global_defaults_as_they_were()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        var before = LibLdap.GlobalTimeouts();
        using var factory = LocalLdap.Factory();

        await factory.Create(subtree.Settings() with { OperationTimeout = TimeSpan.FromSeconds(3) }).FindUserByLoginAsync("alice");

        Assert.Equal(before, LibLdap.GlobalTimeouts());
    }

    [Fact]
    public async Task Builds_a_valid_connection_for_an_ipv6_literal_host()
    {
        // slapd listens on 127.0.0.1 only: ::1 refuses, which shows the connection URI for an IPv6 literal is valid.
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();

        var error = await Assert.ThrowsAsync<Failures.DirectoryFailureException>(() => factory.Create(subtree.Settings() with { Host = "::1" }).FindUserByLoginAsync("alice"));

        Assert.Equal(Failures.DirectoryFailureCodes.ConnectionRefused, error.Code);
        Assert.Contains("[::1]:", error.Failure.Message, StringComparison.Ordinal);
    }
}

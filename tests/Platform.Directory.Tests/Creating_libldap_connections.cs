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

    [Fact]
    public void Waits_through_signals_where_a_plain_connection_would_report_the_server_down()
    {
        var identifier = new System.DirectoryServices.Protocols.LdapDirectoryIdentifier(LocalLdap.Host, LocalLdap.Port);
        using var plain = new System.DirectoryServices.Protocols.LdapConnection(identifier);
        using var ours = LibLdap.Create(identifier, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        Assert.False(LibLdap.RestartsOnInterrupt(plain));
        Assert.True(LibLdap.RestartsOnInterrupt(ours));
    }
}

using System.Net;
using Platform.Directory.ConnectionTesting;
using Platform.Directory.Failures;
using Platform.Directory.Passwords;
using Platform.Directory.Search;
using Platform.Directory.Settings;
using Platform.Directory.Tests.Fixtures;
using Xunit;

namespace Platform.Directory.Tests;

public sealed class Connecting_to_the_directory
{
    [Theory]
    [InlineData(DirectorySecurity.None)]
    [InlineData(DirectorySecurity.StartTls)]
    [InlineData(DirectorySecurity.Ldaps)]
    public async Task Passes_every_step_with_the_generated_CA(DirectorySecurity security)
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        await subtree.AddUserAsync("bob", ("mail", ["bob@example.com"]));
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings(security: security));

        var report = await client.TestConnectionAsync();

        Assert.True(report.Succeeded, report.Failure?.ToString());
        Assert.Equal(ConnectionTestSteps.All, report.Steps.Select(s => s.Name));
        Assert.All(report.Steps.Where(s => s.Name != ConnectionTestSteps.Tls), s => Assert.Equal(StepResult.Ok, s.Result));
        Assert.Equal(security == DirectorySecurity.None ? StepResult.Skipped : StepResult.Ok, report.Step(ConnectionTestSteps.Tls).Result);
        Assert.Equal(2, report.UsersWithAddress);
        Assert.Equal(["alice@example.com", "bob@example.com"], report.Sample.Select(u => u.PrimaryAddress).Order());
        Assert.All(report.Steps.Where(s => s.Result == StepResult.Ok), s => Assert.True(s.Duration > TimeSpan.Zero));
        // And the connections the client really uses (libldap, pooled) work the same way.
        Assert.Equal(2, await client.GetUsersAsync().CountAsync());
    }

    [Theory]
    [InlineData(DirectorySecurity.StartTls)]
    [InlineData(DirectorySecurity.Ldaps)]
    public async Task Checks_the_certificate_against_the_name_entered_while_connecting_to_the_address_checked(DirectorySecurity security)
    {
        // libldap is given the address "localhost" resolved to, never the name; the certificate lists "localhost"
        // (libldap itself would have checked this machine's name instead, and refused it).
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings(security: security) with { Host = "localhost" });

        var report = await client.TestConnectionAsync();
        var lookup = await client.FindUserByLoginAsync("alice");
        var login = await client.VerifyPasswordAsync("alice", TestSubtree.UserPassword);

        Assert.True(report.Succeeded, report.Failure?.ToString());
        Assert.Equal(LookupOutcome.Found, lookup.Outcome);
        Assert.Equal(PasswordOutcome.Verified, login.Outcome);
    }

    [Theory]
    [InlineData(DirectorySecurity.StartTls)]
    [InlineData(DirectorySecurity.Ldaps)]
    public async Task Fails_with_tls_failure_when_the_certificate_comes_from_another_CA(DirectorySecurity security)
    {
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings(security: security) with { CaCertificatePem = TestCertificates.UnrelatedCaPem() });

        var report = await client.TestConnectionAsync();
        var error = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.FindUserByLoginAsync("alice"));

        Assert.Equal(StepResult.Failed, report.Step(ConnectionTestSteps.Tls).Result);
        Assert.Equal(DirectoryFailureCodes.TlsFailure, report.Failure?.Code);
        Assert.Contains("is not trusted", report.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("not by the CA certificate in the settings", report.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(StepResult.Skipped, report.Step(ConnectionTestSteps.Bind).Result);
        Assert.Equal(DirectoryFailureCodes.TlsFailure, error.Code);
        Assert.Equal(report.Failure.Message, error.Failure.Message);
    }

    [Theory]
    [InlineData(DirectorySecurity.StartTls)]
    [InlineData(DirectorySecurity.Ldaps)]
    public async Task Fails_with_tls_failure_when_the_certificate_does_not_name_the_host(DirectorySecurity security)
    {
        // The certificate lists localhost, 127.0.0.1 and ::1. 127.0.0.2 is loopback too, but not in it.
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        using var forwarder = new LoopbackForwarder(IPAddress.Parse("127.0.0.2"), security == DirectorySecurity.Ldaps ? LocalLdap.LdapsPort : LocalLdap.Port);
        using var factory = LocalLdap.Factory();
        // A refused certificate fails at once; the time is for a machine busy with other tests, where the tests' 2 s
        // for connecting (TCP and TLS, through the forwarder) have run out before the handshake did.
        var client = factory.Create(subtree.Settings(security: security) with
        {
            Host = "127.0.0.2", Port = forwarder.Port, ConnectTimeout = TimeSpan.FromSeconds(15),
        });

        var report = await client.TestConnectionAsync();
        var error = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.FindUserByLoginAsync("alice"));

        Assert.Equal(DirectoryFailureCodes.TlsFailure, report.Failure?.Code);
        Assert.Contains("not for '127.0.0.2'", report.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", report.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(DirectoryFailureCodes.TlsFailure, error.Code);
        Assert.Equal(report.Failure.Message, error.Failure.Message);
        // The same server through a name the certificate lists works.
        var direct = await factory.Create(subtree.Settings(security: security)).TestConnectionAsync();
        Assert.True(direct.Succeeded, direct.Failure?.ToString());
    }

    [Fact]
    public async Task Counts_only_users_with_an_address_and_lists_the_entries_it_cannot_use()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        await subtree.AddUserAsync("nomail");
        await subtree.AddUserAsync("broken", ("mail", ["not an address"]));
        using var factory = LocalLdap.Factory();

        var report = await factory.Create(subtree.Settings()).TestConnectionAsync();

        Assert.True(report.Succeeded);
        Assert.Equal(1, report.UsersWithAddress);
        Assert.Equal(2, report.EntryProblems);
        Assert.Equal(["invalid_address", "no_address"], report.ProblemSample.Select(p => p.Code).Order());
    }

    [Fact]
    public async Task Tests_the_failover_host_on_request()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with { Host = "127.0.0.2", FailoverHost = LocalLdap.Host });

        var primary = await client.TestConnectionAsync();
        var failover = await client.TestConnectionAsync(failoverHost: true);

        Assert.Equal(DirectoryFailureCodes.ConnectionRefused, primary.Failure?.Code);
        Assert.True(failover.Succeeded, failover.Failure?.ToString());
    }
}

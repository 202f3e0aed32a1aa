using System.Diagnostics;
using System.Globalization;
using System.Net;
using Platform.Directory.ConnectionTesting;
using Platform.Directory.Failures;
using Platform.Directory.Settings;
using Platform.Directory.Tests.Fixtures;
using Platform.Testing;
using Xunit;

namespace Platform.Directory.Tests;

public sealed class Classifying_connection_failures
{
    [Fact]
    public async Task Reports_connection_refused_when_nothing_listens_on_the_port()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with { Port = Listeners.FreePort() });

        var report = await client.TestConnectionAsync();
        var error = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.FindUserByLoginAsync("alice"));

        Assert.Equal(DirectoryFailureCodes.ConnectionRefused, report.Failure?.Code);
        Assert.Equal(StepResult.Ok, report.Step(ConnectionTestSteps.Resolve).Result);
        Assert.Equal(StepResult.Failed, report.Step(ConnectionTestSteps.Connect).Result);
        Assert.Equal(DirectoryFailureCodes.ConnectionRefused, error.Code);
        Assert.Contains("refused the connection", error.Failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DirectorySecurity.None, true)]
    [InlineData(DirectorySecurity.StartTls, true)]
    [InlineData(DirectorySecurity.Ldaps, false)]
    public async Task Reports_a_protocol_mismatch_when_the_port_speaks_the_other_protocol(DirectorySecurity security, bool onLdapsPort)
    {
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings(security: security) with { Port = onLdapsPort ? LocalLdap.LdapsPort : LocalLdap.Port });

        var error = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.FindUserByLoginAsync("alice"));

        Assert.Equal(DirectoryFailureCodes.ProtocolMismatch, error.Code);
        Assert.Contains(onLdapsPort ? "ldaps" : "starttls", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DirectorySecurity.None)]
    [InlineData(DirectorySecurity.StartTls)]
    [InlineData(DirectorySecurity.Ldaps)]
    public async Task Reports_a_timeout_naming_the_platforms_addresses_when_the_server_never_answers(DirectorySecurity security)
    {
        await using var subtree = await TestSubtree.CreateAsync();
        using var silent = new SilentListener();
        using var factory = LocalLdap.Factory();
        // The connect step must succeed (the listener accepts): its timeout leaves room for a loaded test run, where a
        // loopback connect's continuation can wait over a second for a thread (it failed so once in a full run).
        var client = factory.Create(subtree.Settings(security: security) with
        {
            Port = silent.Port, ConnectTimeout = TimeSpan.FromSeconds(3), OperationTimeout = TimeSpan.FromSeconds(2),
        });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.FindUserByLoginAsync("alice"));
        var took = clock.Elapsed;
        var report = await client.TestConnectionAsync();

        Assert.Equal(DirectoryFailureCodes.Timeout, error.Code);
        Assert.Equal(DirectoryFailureReasons.NoAnswerWithin, error.Failure.Reason);
        // The seconds the platform waited: the operation's timeout (2), or with LDAPS's handshake connect and operation (5).
        Assert.InRange(double.Parse(error.Failure.Values![DirectoryFailureValues.Seconds], CultureInfo.InvariantCulture), 2, 5);
        Assert.Contains("No answer from 127.0.0.1:", error.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("203.0.113.7, 198.51.100.9", error.Hint, StringComparison.Ordinal);
        Assert.InRange(took, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Equal(DirectoryFailureCodes.Timeout, report.Failure?.Code);
        Assert.Equal(StepResult.Ok, report.Step(ConnectionTestSteps.Connect).Result);
        Assert.True(silent.Accepted > 0);
    }

    [Fact]
    public async Task Reports_a_dns_failure_for_an_unresolvable_name_without_sending_anything_off_this_machine()
    {
        // A label longer than 63 characters cannot be put in a DNS query: the resolver refuses it locally.
        var host = new string('x', 64) + ".example.com";
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with { Host = host });
        var control = factory.Create(subtree.Settings());

        await using var trace = await SyscallTrace.StartAsync();
        var report = await client.TestConnectionAsync();
        var error = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.FindUserByLoginAsync("alice"));
        var password = await client.VerifyPasswordAsync("alice", "x").ContinueWith(t => t.Exception?.InnerException);
        // A lookup that does reach the local server, so that the trace demonstrably records connections.
        await control.FindUserByLoginAsync("alice");
        var addresses = trace is null ? null : await trace.StopAsync();

        Assert.Equal(DirectoryFailureCodes.DnsFailure, report.Failure?.Code);
        Assert.Equal(StepResult.Failed, report.Step(ConnectionTestSteps.Resolve).Result);
        Assert.Equal(DirectoryFailureCodes.DnsFailure, error.Code);
        Assert.Contains(host, error.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(DirectoryFailureCodes.DnsFailure, Assert.IsType<DirectoryFailureException>(password).Code);
        if (addresses is not null)
        {
            Assert.Contains(IPAddress.Loopback, addresses);
            Assert.All(addresses, a => Assert.True(IPAddress.IsLoopback(a), $"sent to {a}"));
        }
    }

    [Fact]
    public async Task Reports_invalid_service_credentials_for_a_wrong_password_without_repeating_it()
    {
        const string wrong = "not-the-service-password";
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with { BindPassword = new DirectorySecret(wrong) });

        var report = await client.TestConnectionAsync();
        var error = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.FindUserByLoginAsync("alice"));

        Assert.Equal(DirectoryFailureCodes.InvalidServiceCredentials, report.Failure?.Code);
        Assert.Equal(StepResult.Failed, report.Step(ConnectionTestSteps.Bind).Result);
        Assert.Equal(DirectoryFailureCodes.InvalidServiceCredentials, error.Code);
        Assert.Contains(subtree.ServiceDn, error.Failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_base_dn_that_does_not_exist()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with { BaseDn = "ou=missing," + subtree.Dn });

        var report = await client.TestConnectionAsync();
        var error = await Assert.ThrowsAsync<DirectoryFailureException>(async () => await client.GetUsersAsync().ToListAsync());

        Assert.Equal(DirectoryFailureCodes.BaseDnNotFound, report.Failure?.Code);
        Assert.Equal(StepResult.Ok, report.Step(ConnectionTestSteps.Bind).Result);
        Assert.Equal(StepResult.Failed, report.Step(ConnectionTestSteps.BaseDn).Result);
        Assert.Equal(DirectoryFailureCodes.BaseDnNotFound, error.Code);
        Assert.Contains("ou=missing," + subtree.Dn, error.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_no_users_found_for_a_subtree_without_users()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("nomail");
        using var factory = LocalLdap.Factory();

        var report = await factory.Create(subtree.Settings()).TestConnectionAsync();

        Assert.Equal(DirectoryFailureCodes.NoUsersFound, report.Failure?.Code);
        Assert.Equal(StepResult.Ok, report.Step(ConnectionTestSteps.BaseDn).Result);
        Assert.Equal(StepResult.Failed, report.Step(ConnectionTestSteps.Search).Result);
        Assert.Equal(1, report.EntryProblems);
    }

    [Fact]
    public async Task Reports_strong_auth_required_when_the_server_refuses_unencrypted_simple_binds()
    {
        await using var strict = await PrivateSlapd.StartAsync("o=strict", "security simple_bind=128");
        using var factory = LocalLdap.Factory();
        var settings = new DirectorySettings
        {
            Kind = DirectoryKind.OpenLdap, Host = LocalLdap.Host, Port = strict.Port, Security = DirectorySecurity.None,
            BindDn = strict.AdminDn, BindPassword = new DirectorySecret(strict.AdminPassword), BaseDn = strict.Suffix,
        };

        var plain = await factory.Create(settings).TestConnectionAsync();
        var error = await Assert.ThrowsAsync<DirectoryFailureException>(() => factory.Create(settings).FindUserByLoginAsync("alice"));
        var encrypted = await factory.Create(settings with { Security = DirectorySecurity.StartTls, CaCertificatePem = LocalLdap.CaPem }).TestConnectionAsync();

        Assert.Equal(DirectoryFailureCodes.StrongAuthRequired, plain.Failure?.Code);
        Assert.Equal(StepResult.Failed, plain.Step(ConnectionTestSteps.Bind).Result);
        Assert.Equal(DirectoryFailureCodes.StrongAuthRequired, error.Code);
        Assert.Contains("starttls", error.Hint, StringComparison.Ordinal);
        Assert.Equal(StepResult.Ok, encrypted.Step(ConnectionTestSteps.Bind).Result);
    }
}

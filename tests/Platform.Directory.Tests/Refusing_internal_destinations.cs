using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Platform.Directory.ConnectionTesting;
using Platform.Directory.Egress;
using Platform.Directory.Failures;
using Platform.Directory.Search;
using Platform.Directory.Settings;
using Platform.Directory.Tests.Fixtures;
using Platform.Testing;
using Xunit;

namespace Platform.Directory.Tests;

public sealed class Refusing_internal_destinations
{
    // Refused before anything is sent: no DNS query (literals), no TCP connection. Generous for a busy machine,
    // far below the minute the tests give to connect.
    private static readonly TimeSpan Instantly = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData("Ldap:Host", "RabbitMq:Port")]
    [InlineData("Ldap:Host", "RabbitMq:ManagementPort")]
    [InlineData("Ldap:Host", "Smtp:Port")]
    public async Task Refuses_the_platforms_own_ports_although_loopback_is_allowed(string hostKey, string portKey)
    {
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with { Host = Infrastructure.Get(hostKey), Port = int.Parse(Infrastructure.Get(portKey), CultureInfo.InvariantCulture) });
        var clock = Stopwatch.StartNew();

        var report = await client.TestConnectionAsync();

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Instantly);
        AssertRefusedBeforeConnecting(report);
    }

    [Fact]
    public async Task Refuses_the_platforms_own_postgres_port_by_name_and_by_address()
    {
        var postgres = new Npgsql(Infrastructure.Get("ConnectionStrings:Postgres"));
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();

        foreach (var host in new[] { postgres.Host, "localhost", "::ffff:127.0.0.1", "127.0.0.3" })
        {
            var report = await factory.Create(subtree.Settings() with { Host = host, Port = postgres.Port }).TestConnectionAsync();
            AssertRefusedBeforeConnecting(report);
        }
    }

    [Fact]
    public async Task Makes_no_connection_to_a_refused_platform_endpoint()
    {
        // A listener standing in for one of the platform's own services: it must never see a connection attempt.
        using var own = new SilentListener();
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(Infrastructure.WithLoopbackAllowed)
            .AddInMemoryCollection([new("Egress:PlatformEndpoints", $"127.0.0.1:{own.Port}")])
            .Build();
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = new DirectoryClientFactory(new DirectoryClientOptions(), egress: EgressPolicy.From(configuration));
        var client = factory.Create(subtree.Settings(security: DirectorySecurity.Ldaps) with { Port = own.Port, FailoverHost = "localhost" });

        var report = await client.TestConnectionAsync();
        var failover = await client.TestConnectionAsync(failoverHost: true);
        var lookup = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.FindUserByLoginAsync("alice"));
        var login = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.VerifyPasswordAsync(
            new DirectoryUser("1", $"uid=alice,{subtree.Dn}", "alice", "alice@example.com", [], null, Disabled: false, null), "secret-1"));

        AssertRefusedBeforeConnecting(report);
        AssertRefusedBeforeConnecting(failover);
        Assert.Equal(DirectoryFailureCodes.DestinationNotAllowed, lookup.Code);
        Assert.Equal(DirectoryFailureCodes.DestinationNotAllowed, login.Code);
        Assert.Equal(0, own.Accepted);
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("192.168.0.1")]
    public async Task Refuses_link_local_and_private_addresses_without_sending_a_packet(string host)
    {
        // Never let traffic go there: the refusal must come before any connection attempt, so it is instant, and
        // with a connect timeout of a minute a connection attempt would show.
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with { Host = host, ConnectTimeout = TimeSpan.FromMinutes(1) });
        var clock = Stopwatch.StartNew();

        var report = await client.TestConnectionAsync();
        var lookup = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.FindUserByLoginAsync("alice"));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Instantly);
        AssertRefusedBeforeConnecting(report);
        Assert.Equal(DirectoryFailureCodes.DestinationNotAllowed, lookup.Code);
        Assert.Equal(report.Failure!.Message, lookup.Failure.Message);
    }

    [Fact]
    public async Task Refuses_loopback_where_the_platform_allows_no_network()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = new DirectoryClientFactory(new DirectoryClientOptions());

        var byName = await factory.Create(subtree.Settings() with { Host = "localhost" }).TestConnectionAsync();
        var byAddress = await factory.Create(subtree.Settings()).TestConnectionAsync();

        AssertRefusedBeforeConnecting(byName);
        AssertRefusedBeforeConnecting(byAddress);
        Assert.Contains("'localhost' resolves to", byName.Failure!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("public DNS", byName.Failure.Hint, StringComparison.Ordinal);
    }

    private static void AssertRefusedBeforeConnecting(ConnectionTestReport report)
    {
        Assert.Equal(DirectoryFailureCodes.DestinationNotAllowed, report.Failure?.Code);
        Assert.Equal(StepResult.Failed, report.Step(ConnectionTestSteps.Resolve).Result);
        Assert.All(report.Steps.Skip(1), s => Assert.Equal(StepResult.Skipped, s.Result));
        Assert.Contains("does not connect to", report.Failure!.Message, StringComparison.Ordinal);
    }

    private sealed record Npgsql(string Host, int Port)
    {
        public Npgsql(string connectionString)
            : this(Part(connectionString, "Host"), int.Parse(Part(connectionString, "Port"), CultureInfo.InvariantCulture))
        {
        }

        private static string Part(string connectionString, string key) =>
            connectionString.Split(';').Select(p => p.Split('=', 2)).Single(p => p[0].Trim() == key)[1];
    }
}

public sealed class Connecting_only_to_checked_addresses
{
    [Fact]
    public async Task Hands_libldap_the_checked_address_never_the_name()
    {
        // ".invalid" never resolves (RFC 6761): only the policy's resolver knows the name, so every connection that
        // works went to the address the policy checked, and no second lookup of the name happened anywhere.
        const string name = "directory.rebind.invalid";
        var lookups = 0;
        var egress = new EgressPolicy(
            EgressPolicy.ParseNetworks("127.0.0.0/8"),
            [],
            (host, _) =>
            {
                Assert.Equal(name, host);
                Interlocked.Increment(ref lookups);
                return Task.FromResult(new[] { System.Net.IPAddress.Loopback });
            });
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        using var factory = new DirectoryClientFactory(new DirectoryClientOptions(), egress: egress);
        var client = factory.Create(subtree.Settings() with { Host = name });

        var report = await client.TestConnectionAsync();
        var lookup = await client.FindUserByLoginAsync("alice");

        Assert.True(report.Succeeded, report.Failure?.ToString());
        Assert.Equal(LookupOutcome.Found, lookup.Outcome);
        // The test's probe and its libldap connection, then the pooled connection: one lookup each.
        Assert.Equal(3, lookups);
    }
}

using System.Net;
using Microsoft.Extensions.Configuration;
using Platform.Directory.Egress;
using Xunit;

namespace Platform.Directory.Tests.Unit;

public sealed class Deciding_egress
{
    private static readonly IPAddress[] NoLocalAddresses = [];

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("::1")]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("224.0.0.251")]
    [InlineData("ff02::1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:192.168.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("::127.0.0.1")]
    public void Refuses_internal_addresses(string address)
    {
        var refusal = EgressDecisions.Decide(new IPEndPoint(IPAddress.Parse(address), 389), EgressRules.PublicOnly, NoLocalAddresses);

        Assert.NotNull(refusal);
    }

    [Theory]
    [InlineData("203.0.113.10")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2001:db8::10")]
    [InlineData("::ffff:203.0.113.10")]
    public void Allows_public_addresses(string address)
    {
        Assert.Null(EgressDecisions.Decide(new IPEndPoint(IPAddress.Parse(address), 636), EgressRules.PublicOnly, NoLocalAddresses));
    }

    [Theory]
    [InlineData("10.8.1.2", null)]
    [InlineData("::ffff:10.8.1.2", null)]
    [InlineData("10.9.0.1", "a private network (10.0.0.0/8)")]
    [InlineData("127.0.0.1", null)]
    [InlineData("169.254.169.254", "link-local (169.254.0.0/16)")]
    public void Allows_internal_addresses_only_in_the_allowed_networks(string address, string? reason)
    {
        var rules = new EgressRules([IPNetwork.Parse("10.8.0.0/16"), IPNetwork.Parse("127.0.0.0/8")], []);

        var refusal = EgressDecisions.Decide(new IPEndPoint(IPAddress.Parse(address), 389), rules, NoLocalAddresses);

        Assert.Equal(reason, refusal?.Reason);
    }

    [Theory]
    [InlineData("127.0.0.1", 5433, true)]
    [InlineData("127.0.0.2", 5433, true)]
    [InlineData("0.0.0.0", 5433, true)]
    [InlineData("::1", 5433, true)]
    [InlineData("::ffff:127.0.0.1", 5433, true)]
    [InlineData("192.0.2.55", 5433, true)]
    [InlineData("127.0.0.1", 389, false)]
    [InlineData("10.8.0.5", 5672, true)]
    [InlineData("10.8.0.6", 5672, false)]
    public void Refuses_the_platforms_own_endpoints_even_in_an_allowed_network(string address, int port, bool refused)
    {
        // 192.0.2.55 is one of this machine's own interface addresses here: a service on all interfaces listens there too.
        var rules = new EgressRules(
            [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("10.8.0.0/16"), IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("192.0.2.0/24")],
            [new OwnEndpoint(null, 5433, "PostgreSQL"), new OwnEndpoint(IPAddress.Parse("10.8.0.5"), 5672, "RabbitMQ")]);

        var refusal = EgressDecisions.Decide(new IPEndPoint(IPAddress.Parse(address), port), rules, [IPAddress.Parse("192.0.2.55")]);

        Assert.Equal(refused, refusal is not null);
    }

    [Fact]
    public async Task Refuses_a_name_when_any_of_its_addresses_is_internal()
    {
        var egress = new EgressPolicy([], [], (_, _) => Task.FromResult(new[] { IPAddress.Parse("203.0.113.10"), IPAddress.Parse("169.254.169.254") }));

        var error = await Assert.ThrowsAsync<EgressRefusedException>(
            () => egress.ResolveAsync("dc.example.com", 636, TimeSpan.FromSeconds(1), TimeProvider.System, CancellationToken.None));

        Assert.Equal(IPAddress.Parse("169.254.169.254"), error.Refusal.Destination.Address);
    }

    [Fact]
    public void Finds_the_platforms_own_endpoints_in_its_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=5433;Database=platform;Username=platform;Password=secret",
            ["Postgres:AdminConnectionString"] = "Host=db1:5440,db2;Database=postgres",
            ["RabbitMq:Host"] = "rabbitmq",
            ["RabbitMq:Port"] = "5673",
            ["Smtp:Host"] = "relay.internal",
            ["Smtp:Port"] = "2525",
            ["ASPNETCORE_URLS"] = "http://+:8080;http://127.0.0.1:8081",
            ["Egress:PlatformEndpoints"] = "auth:8080, [fd00::5]:9000",
        }).Build();

        var endpoints = PlatformEndpoints.From(configuration).Select(e => $"{e.Host} {e.Port}").ToList();

        Assert.Equal(
            ["127.0.0.1 5433", "db1 5440", "db2 5432", "rabbitmq 5673", "rabbitmq 15672", "relay.internal 2525", "localhost 8080", "localhost 8081", "auth 8080", "fd00::5 9000"],
            endpoints);
    }

    [Fact]
    public void Reads_allowed_networks_and_names_an_invalid_one()
    {
        Assert.Equal([IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")], EgressPolicy.ParseNetworks("127.0.0.0/8, ::1/128"));
        Assert.Empty(EgressPolicy.ParseNetworks(null));
        var error = Assert.Throws<FormatException>(() => EgressPolicy.ParseNetworks("10.0.0.0/8,vpn"));
        Assert.Contains("'vpn'", error.Message, StringComparison.Ordinal);
    }
}

using System.Text.RegularExpressions;
using Platform.Contracts.Tests.Catalog;
using Platform.Testing;
using Xunit;

namespace Platform.Contracts.Tests;

/// <summary>
/// infra/rabbitmq/permissions limits each service's RabbitMQ user to what it declares, publishes and consumes. A
/// consumer or a published contract added without its line there works on the shared development user and fails only
/// under the per-service users: the catalog (read from the services' code) and the file must agree.
/// </summary>
public sealed class The_bus_permissions
{
    private static readonly Lazy<IReadOnlyList<CatalogEntry>> Entries = new(ContractCatalog.Build);
    private static readonly Lazy<IReadOnlyDictionary<string, Permissions>> Users = new(Read);

    public static TheoryData<string, string, string> Consumers()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var consumer in Entries.Value.SelectMany(e => e.Consumers))
        {
            data.Add(consumer.Service, consumer.Queue, consumer.Message);
        }

        return data;
    }

    public static TheoryData<string, string> Publishers()
    {
        var data = new TheoryData<string, string>();
        foreach (var (service, exchange) in Entries.Value.SelectMany(e => e.Publishers.Select(p => (p.Service, e.Exchange))).Where(p => p.Service != EventCatalog.FilteringEngine))
        {
            data.Add(service, exchange);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Consumers))]
    public void Let_each_service_declare_and_read_its_queues_and_the_exchanges_they_bind(string service, string queue, string message)
    {
        var user = User(service);
        var exchange = "Platform.Contracts:" + message;

        Assert.True(user.Configure.IsMatch(queue) && user.Read.IsMatch(queue), $"{service} may not declare or read its queue {queue}: add it to infra/rabbitmq/permissions.");
        Assert.True(user.Configure.IsMatch(exchange) && user.Read.IsMatch(exchange),
            $"{service} consumes {message} but may not declare or bind from {exchange}: add it to its configure and read columns in infra/rabbitmq/permissions.");
    }

    [Theory]
    [MemberData(nameof(Publishers))]
    public void Let_each_service_write_the_exchanges_it_publishes(string service, string exchange)
    {
        var user = User(service);

        Assert.True(user.Configure.IsMatch(exchange) && user.Write.IsMatch(exchange),
            $"{service} publishes on {exchange} but may not declare or write it: add it to infra/rabbitmq/permissions.");
    }

    [Fact]
    public void Let_the_filter_publish_spam_and_nothing_else()
    {
        var filter = User("filter");

        Assert.All(Entries.Value.Where(e => e.IsMessage), e =>
            Assert.Equal(e.Name == nameof(SpamQuarantined), filter.Write.IsMatch(e.Exchange)));
        Assert.All(Entries.Value.Where(e => e.IsMessage), e => Assert.DoesNotMatch(filter.Read, e.Exchange));
    }

    private static Permissions User(string name) =>
        Users.Value.TryGetValue(name, out var user) ? user : throw new Xunit.Sdk.XunitException($"infra/rabbitmq/permissions has no user {name}.");

    private static IReadOnlyDictionary<string, Permissions> Read() =>
        File.ReadLines(Path.Combine(RepositoryRoot.Path, "infra", "rabbitmq", "permissions"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(f => f[0], f => new Permissions(new Regex(f[1]), new Regex(f[2]), new Regex(f[3])), StringComparer.Ordinal);

    private sealed record Permissions(Regex Configure, Regex Write, Regex Read);
}

using System.Collections.Immutable;

namespace Platform.Contracts.Tests.Catalog;

/// <summary>Every contract of Platform.Contracts with what the catalog says of it, in the catalog's order.</summary>
internal static class ContractCatalog
{
    /// <summary>Publishers in the order the flows start: outside, then the services.</summary>
    public static ImmutableArray<string> Services { get; } = [EventCatalog.FilteringEngine, "directory-sync", "auth", "reporting", "notifications"];

    public static IReadOnlyList<CatalogEntry> Build()
    {
        var docs = ContractDocs.Load();
        var consumers = ConsumerScan.All();
        var types = ContractSamples.ContractTypes().ToList();
        return [.. types
            .Select(type => Entry(type, Kind(type, types), docs, consumers))
            .OrderBy(e => e.Kind)
            .ThenBy(PublisherOrder)
            .ThenBy(e => e.Name, StringComparer.Ordinal)];
    }

    private static int PublisherOrder(CatalogEntry entry) =>
        entry.Publishers.Count == 0 ? Services.Length : Services.IndexOf(entry.Publishers[0].Service);

    private static CatalogEntry Entry(Type type, ContractKind kind, ContractDocs docs, IReadOnlyList<Consumer> consumers)
    {
        var publishers = EventCatalog.Publishers.GetValueOrDefault(type) ?? [];
        if (kind is ContractKind.Event or ContractKind.Request && publishers.Count == 0)
        {
            throw new InvalidOperationException($"Say who publishes {type.Name}: add it to EventCatalog.Publishers.");
        }

        if (publishers.FirstOrDefault(p => !Services.Contains(p.Service)) is { } unknown)
        {
            throw new InvalidOperationException($"{type.Name}: no service is called {unknown.Service}.");
        }

        if (!ContractSamples.ByType.TryGetValue(type, out var sample))
        {
            throw new InvalidOperationException($"Add a sample of {type.Name} to ContractSamples.");
        }

        return new CatalogEntry(
            type,
            kind,
            docs.Of(type) ?? throw new InvalidOperationException($"{type.Name} has no <summary>: the catalog shows it to every consumer."),
            ContractSchema.Of(type, docs),
            WireJson.Of(sample),
            publishers,
            [.. consumers.Where(c => c.Message == type.Name)]);
    }

    private static ContractKind Kind(Type type, IReadOnlyList<Type> contracts)
    {
        if (EventCatalog.Requests.ContainsKey(type))
        {
            return ContractKind.Request;
        }

        if (EventCatalog.Requests.Values.Contains(type))
        {
            return ContractKind.Response;
        }

        if (ContractSamples.IsMessage(type))
        {
            return ContractKind.Event;
        }

        return contracts.Any(c => c.GetProperties().Any(p => p.PropertyType == type || p.PropertyType.GenericTypeArguments.Contains(type)))
            ? ContractKind.Part
            : throw new InvalidOperationException($"{type.Name} has no eventId, is no request or response in EventCatalog.Requests, and no message holds it.");
    }
}

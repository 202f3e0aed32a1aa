using System.Text.Json.Nodes;

namespace Platform.Contracts.Tests.Catalog;

internal enum ContractKind
{
    Event,
    Request,
    Response,
    Part,
}

/// <summary>One contract as the catalog shows it.</summary>
internal sealed record CatalogEntry(
    Type Type,
    ContractKind Kind,
    string Summary,
    JsonObject Schema,
    JsonNode Example,
    IReadOnlyList<Publisher> Publishers,
    IReadOnlyList<Consumer> Consumers)
{
    public string Name => Type.Name;

    /// <summary>The fanout exchange MassTransit publishes it on (none for a response: it is sent to the requester).</summary>
    public string Exchange => "Platform.Contracts:" + Name;

    public string MessageType => "urn:message:Platform.Contracts:" + Name;

    public bool IsMessage => Kind is not ContractKind.Part;
}

using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Contracts.Tests.Catalog;

/// <summary>The generated part of docs/events.md: an overview, then each contract and each value list.</summary>
internal static class EventsMarkdown
{
    public static string Contracts(IReadOnlyList<CatalogEntry> entries)
    {
        var text = new StringBuilder();
        text.Append("## The contracts\n\n| contract | kind | exchange | published by | consumed by (queue) |\n|---|---|---|---|---|\n");
        foreach (var entry in entries)
        {
            var exchange = entry.Kind switch { ContractKind.Part => "—", ContractKind.Response => "the request's `responseAddress`", _ => $"`{entry.Exchange}`" };
            text.Append($"| {Link(entry.Type)} | {entry.Kind.ToString().ToLowerInvariant()} | {exchange} | {Publishers(entry, entries)} | {Consumers(entry, entries)} |\n");
        }

        foreach (var entry in entries)
        {
            text.Append($"\n### `{entry.Name}`\n\n{entry.Summary}\n\n");
            text.Append(Delivery(entry, entries));
            text.Append("\n| field | type | required | meaning |\n|---|---|---|---|\n");
            var required = entry.Schema["required"]?.AsArray().Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
            foreach (var (name, schema) in entry.Schema["properties"]!.AsObject())
            {
                var property = entry.Type.GetProperties().Single(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                text.Append($"| `{name}` | {TypeOf(schema!.AsObject(), property.PropertyType)} | {(required.Contains(name) ? "yes" : "no")} | {Cell(schema["description"])} |\n");
            }

            text.Append($"\nExample ({(entry.IsMessage ? "the envelope's `message`" : "as part of a message")}):\n\n```json\n{WireJson.Text(entry.Example)}\n```\n");
        }

        text.Append("\n## Value lists\n\nStrings whose values are part of the contract. A list may gain values (an additive change): expect values you do not know.\n\n| list | values | meaning |\n|---|---|---|\n");
        var docs = ContractDocs.Load();
        foreach (var list in ValueList.All().OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            text.Append($"| `{list.Name}` | {string.Join(", ", ValueList.Of(list).Select(v => $"`{v}`"))} | {Cell(docs.Of(list))} |\n");
        }

        return text.ToString();
    }

    private static string Delivery(CatalogEntry entry, IReadOnlyList<CatalogEntry> entries) => entry.Kind switch
    {
        ContractKind.Part => $"Part of {string.Join(", ", entries.Where(e => e.IsMessage).SelectMany(e => e.Type.GetProperties()
            .Where(p => p.PropertyType == entry.Type || p.PropertyType.GenericTypeArguments.Contains(entry.Type))
            .Select(p => $"`{Camel(p.Name)}` of {Link(e.Type)}")))}.\n",
        ContractKind.Response => $"- Not published on an exchange: sent to the `responseAddress` of the {Link(RequestOf(entry, entries).Type)} it answers; "
            + $"message type `{entry.MessageType}`.\n"
            + string.Concat(RequestOf(entry, entries).Consumers.Select(c => $"- Sent by **{c.Service}** (`{c.Class}`).\n"))
            + string.Concat(RequestOf(entry, entries).Publishers.Select(p => $"- Received by **{p.Service}**, the requester (MassTransit's request client).\n")),
        _ => $"- Exchange `{entry.Exchange}` (fanout, durable); message type `{entry.MessageType}`.\n"
            + string.Concat(entry.Publishers.Select(p => $"- Published by **{p.Service}** when it {p.When}.\n"))
            + (EventCatalog.Requests.TryGetValue(entry.Type, out var response)
                ? $"- A request: answered with {Link(response)}, sent to the request's `responseAddress`.\n" : "")
            + (entry.Consumers.Count == 0 ? "- Consumed by no service of the platform (yet): it is there for other consumers.\n"
                : string.Concat(entry.Consumers.Select(c => $"- Consumed by **{c.Service}**: `{c.Class}`, queue `{c.Queue}`.\n"))),
    };

    private static string Publishers(CatalogEntry entry, IReadOnlyList<CatalogEntry> entries) => entry.Kind switch
    {
        ContractKind.Response => string.Join(", ", RequestOf(entry, entries).Consumers.Select(c => c.Service)),
        _ => entry.Publishers.Count == 0 ? "—" : string.Join(", ", entry.Publishers.Select(p => p.Service)),
    };

    private static CatalogEntry RequestOf(CatalogEntry response, IReadOnlyList<CatalogEntry> entries) =>
        entries.Single(e => EventCatalog.Requests.GetValueOrDefault(e.Type) == response.Type);

    private static string Consumers(CatalogEntry entry, IReadOnlyList<CatalogEntry> entries) =>
        entry.Kind is ContractKind.Response ? string.Join(", ", RequestOf(entry, entries).Publishers.Select(p => $"{p.Service} (request client)"))
        : entry.Consumers.Count == 0 ? "—" : string.Join(", ", entry.Consumers.Select(c => $"{c.Service} (`{c.Queue}`)"));

    private static string TypeOf(JsonObject schema, Type type)
    {
        var types = schema["type"] is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [schema["type"]!.GetValue<string>()];
        var main = types.First(t => t != "null");
        var element = Nullable.GetUnderlyingType(type) ?? type;
        var text = main switch
        {
            "array" => "array of " + TypeOf(schema["items"]!.AsObject(), element.GenericTypeArguments.Single()),
            "object" => Link(element),
            "string" when schema["format"] is { } format => $"string ({format})",
            _ => main,
        };
        return types.Contains("null") ? text + " or null" : text;
    }

    private static string Link(Type type) => $"[`{type.Name}`](#{type.Name.ToLowerInvariant()})";

    private static string Camel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    private static string Cell(object? text) => text?.ToString()?.Replace("|", "\\|", StringComparison.Ordinal) ?? "";
}

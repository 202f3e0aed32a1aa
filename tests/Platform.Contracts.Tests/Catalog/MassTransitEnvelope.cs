using System.Text.Json.Nodes;

namespace Platform.Contracts.Tests.Catalog;

/// <summary>
/// The JSON MassTransit puts on the wire around each record (<c>application/vnd.masstransit+json</c>): what a
/// consumer in another language reads, and what a producer in another language must write.
/// </summary>
internal static class MassTransitEnvelope
{
    public const string ContentType = "application/vnd.masstransit+json";
    public const string SchemaName = "MassTransitEnvelope";

    public static JsonObject Schema() => new()
    {
        ["description"] = "MassTransit's envelope: the record is `message`. A consumer ignores members it does not need; a producer in "
            + "another language writes at least `messageId`, `messageType` and `message`.",
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["messageId"] = Text("uuid", "Stable across redeliveries of one message; the consuming services' inboxes de-duplicate on it."),
            ["requestId"] = Text("uuid", "Set on a request and on its response."),
            ["correlationId"] = Text("uuid", "The flow the message belongs to, when the publisher set one (e.g. a sync run)."),
            ["conversationId"] = Text("uuid", "Shared by the messages of one conversation."),
            ["initiatorId"] = Text("uuid", "The message that caused this one, when there is one."),
            ["sourceAddress"] = Text("uri", "The publishing endpoint."),
            ["destinationAddress"] = Text("uri", "Where the message was published or sent."),
            ["responseAddress"] = Text("uri", "A request's: where the response must be sent."),
            ["faultAddress"] = Text("uri", "Where a fault should be sent, when not to the response address."),
            ["messageType"] = new JsonObject
            {
                ["description"] = "The message's types as URNs; `urn:message:Platform.Contracts:<TypeName>` names the record.",
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = "string" },
            },
            ["message"] = new JsonObject { ["description"] = "The record, camelCase JSON.", ["type"] = "object" },
            ["expirationTime"] = Text("date-time", "After this, the message may be discarded; absent when it never expires."),
            ["sentTime"] = Text("date-time", "When it was published."),
            ["headers"] = new JsonObject { ["description"] = "MassTransit's headers (e.g. fault details on an `_error` queue).", ["type"] = "object" },
            ["host"] = new JsonObject { ["description"] = "The publishing process (machine, process, versions).", ["type"] = "object" },
        },
        ["required"] = new JsonArray("messageId", "messageType", "message"),
    };

    /// <summary>The payload of one contract's messages: the envelope with that record in <c>message</c>.</summary>
    public static JsonObject Payload(CatalogEntry entry) => new()
    {
        ["allOf"] = new JsonArray(
            Reference(SchemaName),
            new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["messageType"] = new JsonObject { ["type"] = "array", ["contains"] = new JsonObject { ["const"] = entry.MessageType } },
                    ["message"] = Reference(entry.Name),
                },
            }),
    };

    /// <summary>An envelope around the entry's example, with the members a publisher of it sets.</summary>
    public static JsonObject Example(CatalogEntry entry)
    {
        var messageId = entry.Kind is ContractKind.Response ? "0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9b03" : "0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9b01";
        var example = new JsonObject { ["messageId"] = entry.Example["eventId"]?.DeepClone() ?? messageId };
        if (entry.Kind is ContractKind.Request or ContractKind.Response)
        {
            example["requestId"] = "0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9b02";
        }

        if (entry.Kind is ContractKind.Request)
        {
            example["responseAddress"] = "rabbitmq://rabbitmq/notifications7f9c_PlatformNotifications_bus_4ownyyfpkdyqd6xjbdqokt?temporary=true";
        }

        example["messageType"] = new JsonArray(entry.MessageType);
        example["message"] = entry.Example.DeepClone();
        example["sentTime"] = "2026-11-22T08:30:00.25Z";
        return example;
    }

    public static JsonObject Reference(string schema) => new() { ["$ref"] = "#/components/schemas/" + schema };

    private static JsonObject Text(string format, string description) =>
        new() { ["description"] = description, ["type"] = "string", ["format"] = format };
}

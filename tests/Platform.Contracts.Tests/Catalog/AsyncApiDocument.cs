using System.Text.Json.Nodes;

namespace Platform.Contracts.Tests.Catalog;

/// <summary>
/// The catalog as an AsyncAPI 3.0 document (docs/asyncapi.yaml): a channel per exchange and per consuming queue, an
/// operation per publisher and consumer, and per contract its schema and an example in its MassTransit envelope.
/// </summary>
internal static class AsyncApiDocument
{
    private const string AmqpBindingVersion = "0.3.0";

    public static JsonObject Build(IReadOnlyList<CatalogEntry> entries, string version)
    {
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject { [MassTransitEnvelope.SchemaName] = MassTransitEnvelope.Schema() };
        foreach (var entry in entries)
        {
            schemas[entry.Name] = entry.Schema.DeepClone();
            if (entry.IsMessage)
            {
                messages[entry.Name] = Message(entry);
                channels[entry.Name] = entry.Kind is ContractKind.Response ? ResponseChannel(entry) : ExchangeChannel(entry);
            }

            var reply = EventCatalog.Requests.TryGetValue(entry.Type, out var response) ? Reply(response.Name) : null;
            foreach (var publisher in entry.Publishers)
            {
                operations.Add($"{publisher.Service}.publish.{entry.Name}", Operation(
                    "send", entry.Name, entry.Name, publisher.Service, $"{publisher.Service} publishes {entry.Name}", $"When {publisher.Service} {publisher.When}.", reply));
            }

            foreach (var consumer in entry.Consumers)
            {
                channels.Add(consumer.Queue, QueueChannel(consumer));
                operations.Add($"{consumer.Service}.consume.{entry.Name}", Operation(
                    "receive", consumer.Queue, entry.Name, consumer.Service, $"{consumer.Service} consumes {entry.Name}", $"`{consumer.Class}`, from the queue `{consumer.Queue}`.", reply));
            }
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Platform events",
                ["version"] = version,
                ["description"] = "The public messages of the Platform identity plane on RabbitMQ (MassTransit), as in the package Platform.Contracts "
                    + "of the same version. Delivery is at least once and not ordered, not even per user; contracts change additively only. "
                    + "Generated from the contracts and the services' code: see docs/events.md, which also says how to regenerate it.",
            },
            ["defaultContentType"] = MassTransitEnvelope.ContentType,
            ["servers"] = new JsonObject
            {
                ["rabbitmq"] = new JsonObject
                {
                    ["host"] = "{host}:{port}",
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "0.9.1",
                    ["description"] = "The platform's RabbitMQ (the services' `RabbitMq__Host`, `RabbitMq__Port` and `RabbitMq__VirtualHost`).",
                    ["variables"] = new JsonObject
                    {
                        ["host"] = new JsonObject { ["default"] = "127.0.0.1", ["description"] = "`RabbitMq__Host`" },
                        ["port"] = new JsonObject { ["default"] = "5673", ["description"] = "`RabbitMq__Port` (5673 is the local one of `./platform up`)" },
                    },
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject { ["schemas"] = schemas, ["messages"] = messages },
        };
    }

    private static JsonObject Message(CatalogEntry entry) => new()
    {
        ["name"] = entry.Name,
        ["title"] = entry.Name,
        ["summary"] = entry.Summary,
        ["contentType"] = MassTransitEnvelope.ContentType,
        ["payload"] = MassTransitEnvelope.Payload(entry),
        ["examples"] = new JsonArray(new JsonObject { ["name"] = entry.Name, ["payload"] = MassTransitEnvelope.Example(entry) }),
    };

    private static JsonObject ExchangeChannel(CatalogEntry entry) => new()
    {
        ["address"] = entry.Exchange,
        ["title"] = entry.Exchange,
        ["description"] = $"The fanout exchange {entry.Name} is published on: bind a queue of your own to it to receive every one.",
        ["messages"] = new JsonObject { [entry.Name] = MessageReference(entry.Name) },
        ["bindings"] = new JsonObject
        {
            ["amqp"] = new JsonObject
            {
                ["is"] = "routingKey",
                ["exchange"] = new JsonObject { ["name"] = entry.Exchange, ["type"] = "fanout", ["durable"] = true, ["autoDelete"] = false },
                ["bindingVersion"] = AmqpBindingVersion,
            },
        },
    };

    private static JsonObject ResponseChannel(CatalogEntry entry) => new()
    {
        ["address"] = null,
        ["title"] = "The requester's response address",
        ["description"] = $"{entry.Name} is not published on an exchange: it is sent to the `responseAddress` of the request it answers.",
        ["messages"] = new JsonObject { [entry.Name] = MessageReference(entry.Name) },
    };

    private static JsonObject QueueChannel(Consumer consumer) => new()
    {
        ["address"] = consumer.Queue,
        ["title"] = consumer.Queue,
        ["description"] = $"{consumer.Service}'s queue for {consumer.Message}, bound to the exchange Platform.Contracts:{consumer.Message} "
            + $"(through an exchange of its own name). Messages its consumer gives up on go to `{consumer.Queue}_error`.",
        ["messages"] = new JsonObject { [consumer.Message] = MessageReference(consumer.Message) },
        ["bindings"] = new JsonObject
        {
            ["amqp"] = new JsonObject
            {
                ["is"] = "queue",
                ["queue"] = new JsonObject { ["name"] = consumer.Queue, ["durable"] = true, ["exclusive"] = false, ["autoDelete"] = false },
                ["bindingVersion"] = AmqpBindingVersion,
            },
        },
    };

    private static JsonObject Operation(string action, string channel, string message, string service, string summary, string description, JsonObject? reply)
    {
        var operation = new JsonObject
        {
            ["action"] = action,
            ["channel"] = new JsonObject { ["$ref"] = "#/channels/" + channel },
            ["summary"] = summary,
            ["description"] = description,
            ["tags"] = new JsonArray(new JsonObject { ["name"] = service }),
            ["messages"] = new JsonArray(new JsonObject { ["$ref"] = $"#/channels/{channel}/messages/{message}" }),
        };
        if (reply is not null)
        {
            operation["reply"] = reply.DeepClone();
        }

        return operation;
    }

    private static JsonObject Reply(string response) => new()
    {
        ["address"] = new JsonObject
        {
            ["description"] = "The request's `responseAddress` (MassTransit's request client sets it to its own endpoint).",
            ["location"] = "$message.payload#/responseAddress",
        },
        ["channel"] = new JsonObject { ["$ref"] = "#/channels/" + response },
        ["messages"] = new JsonArray(new JsonObject { ["$ref"] = $"#/channels/{response}/messages/{response}" }),
    };

    private static JsonObject MessageReference(string message) => new() { ["$ref"] = "#/components/messages/" + message };
}

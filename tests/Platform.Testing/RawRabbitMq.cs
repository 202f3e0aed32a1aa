using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Testing;

/// <summary>
/// Publishes a message the way a producer in another language does: a MassTransit JSON envelope posted to the
/// contract's exchange through RabbitMQ's HTTP API, no .NET types involved.
/// </summary>
public static class RawRabbitMq
{
    /// <param name="headers">
    /// Transport headers to send along, e.g. <c>MT-Activity-Id</c> with a W3C traceparent: the trace a producer's
    /// message continues in every consumer.
    /// </param>
    public static async Task PublishAsync(string vhost, string contract, Guid messageId, JsonObject message, JsonObject? headers = null)
    {
        var envelope = new JsonObject
        {
            ["messageId"] = messageId.ToString(),
            ["messageType"] = new JsonArray($"urn:message:Platform.Contracts:{contract}"),
            ["message"] = message,
        };
        var body = new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["content_type"] = "application/vnd.masstransit+json", ["delivery_mode"] = 2, ["message_id"] = messageId.ToString(),
                ["headers"] = headers ?? [],
            },
            ["routing_key"] = "",
            ["payload"] = envelope.ToJsonString(),
            ["payload_encoding"] = "string",
        };
        using var management = RabbitMqVirtualHost.ManagementClient();
        var response = await management.PostAsync(
            $"api/exchanges/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString("Platform.Contracts:" + contract)}/publish",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (!result.RootElement.GetProperty("routed").GetBoolean())
        {
            throw new InvalidOperationException($"No queue is bound to Platform.Contracts:{contract} in {vhost}.");
        }
    }

    /// <summary>
    /// Up to <paramref name="count"/> messages waiting in <paramref name="queue"/> (left there), each with its
    /// properties (headers included) and payload, as RabbitMQ's HTTP API shows them.
    /// </summary>
    public static async Task<List<JsonObject>> PeekAsync(string vhost, string queue, int count = 50)
    {
        using var management = RabbitMqVirtualHost.ManagementClient();
        var request = new JsonObject { ["count"] = count, ["ackmode"] = "ack_requeue_true", ["encoding"] = "auto" };
        var response = await management.PostAsync(
            $"api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}/get", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"));
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(m => m!.AsObject())];
    }

    /// <summary>A SpamQuarantined as the filtering engine writes it (camelCase JSON): subject "Prize for {quarantineId}".</summary>
    public static JsonObject SpamQuarantined(string domain, string email, string quarantineId) => new()
    {
        ["eventId"] = Guid.NewGuid().ToString(),
        ["occurredAt"] = "2026-11-23T10:00:00Z",
        ["domain"] = domain,
        ["email"] = email,
        ["quarantineId"] = quarantineId,
        ["sender"] = "offers@spam.test",
        ["subject"] = "Prize for " + quarantineId,
        ["score"] = 11.2,
        ["receivedAt"] = "2026-11-23T09:59:58Z",
    };
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>
/// Publishes a message the way a producer in another language does: a MassTransit JSON envelope posted to the
/// contract's exchange through RabbitMQ's HTTP API, no .NET types involved.
/// </summary>
internal static class RawRabbitMq
{
    public static async Task PublishAsync(string vhost, string contract, Guid messageId, JsonObject message)
    {
        var envelope = new JsonObject
        {
            ["messageId"] = messageId.ToString(),
            ["messageType"] = new JsonArray($"urn:message:Platform.Contracts:{contract}"),
            ["message"] = message,
        };
        var body = new JsonObject
        {
            ["properties"] = new JsonObject { ["content_type"] = "application/vnd.masstransit+json", ["delivery_mode"] = 2, ["message_id"] = messageId.ToString() },
            ["routing_key"] = "",
            ["payload"] = envelope.ToJsonString(),
            ["payload_encoding"] = "string",
        };
        using var management = RabbitMqVirtualHost.ManagementClient();
        var response = await management.PostAsync(
            $"api/exchanges/{vhost}/{Uri.EscapeDataString("Platform.Contracts:" + contract)}/publish",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (!result.RootElement.GetProperty("routed").GetBoolean())
        {
            throw new InvalidOperationException($"No queue is bound to Platform.Contracts:{contract} in {vhost}.");
        }
    }
}

using System.Text.Json;

namespace Platform.Outbox.Relay;

/// <summary>Outbox bodies are the contracts' camelCase JSON, read back into the registered type by the relay.</summary>
internal static class OutboxJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(object message) => JsonSerializer.Serialize(message, message.GetType(), Options);

    public static object Deserialize(string json, Type type) => JsonSerializer.Deserialize(json, type, Options) ?? throw new JsonException($"The body is null, not a {type.Name}.");
}

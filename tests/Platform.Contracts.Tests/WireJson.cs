using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit.Serialization;

namespace Platform.Contracts.Tests;

/// <summary>A contract as MassTransit writes it on the wire (the envelope's <c>message</c>), and as the snapshots show it.</summary>
internal static class WireJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonNode Of(object contract) =>
        JsonSerializer.SerializeToNode(contract, contract.GetType(), SystemTextJsonMessageSerializer.Options)!;

    public static string Text(JsonNode json) => json.ToJsonString(Indented);
}

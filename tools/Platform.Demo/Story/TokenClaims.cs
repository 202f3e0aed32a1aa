using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace Platform.Demo.Story;

/// <summary>What an access token says (its payload, unverified: the story only shows it), never the token itself.</summary>
public sealed record TokenClaims(string Subject, string Role, IReadOnlyList<string> Methods, DateTimeOffset Expires)
{
    public static TokenClaims Read(string jwt)
    {
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1]))!;
        return new TokenClaims(
            payload["sub"]?.GetValue<string>() ?? "", string.Join(' ', Values(payload["role"])), Values(payload["amr"]),
            DateTimeOffset.FromUnixTimeSeconds(payload["exp"]!.GetValue<long>()));
    }

    public override string ToString() =>
        $"{Role} {Subject}" + (Methods.Count > 0 ? $", amr [{string.Join(", ", Methods)}]" : "") + $", expires {Expires:HH:mm:ss}Z";

    /// <summary>A claim that may be one value or several.</summary>
    private static List<string> Values(JsonNode? claim) => claim switch
    {
        JsonArray values => [.. values.Select(v => v!.GetValue<string>())],
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };
}

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Demo.Story;

/// <summary>A service's answer: the status, the JSON body (or null) and, for a problem, its stable <c>code</c>.</summary>
public sealed record Answer(HttpStatusCode Status, JsonNode? Body)
{
    public string? Code => Body is JsonObject problem && problem["code"] is JsonValue code ? code.GetValue<string>() : null;

    public bool Ok => Status is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.NoContent;

    public JsonNode Json => Body ?? throw new InvalidOperationException($"The answer ({(int)Status}) has no JSON body.");

    public static Answer Parse(HttpStatusCode status, string text)
    {
        try
        {
            return new Answer(status, text.Length == 0 ? null : JsonNode.Parse(text));
        }
        catch (JsonException)
        {
            return new Answer(status, null);
        }
    }

    /// <summary>Throws, naming the step and what the service said, unless the answer is a success.</summary>
    public Answer Expect(string step) => Ok
        ? this
        : throw new StoryException($"{step}: {(int)Status} {Code ?? Body?.ToJsonString() ?? ""}".TrimEnd());
}

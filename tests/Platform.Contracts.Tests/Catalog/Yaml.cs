using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Platform.Contracts.Tests.Catalog;

/// <summary>
/// JSON as YAML and back, for the AsyncAPI document: block style, a string plain only where no YAML reader can take
/// it for anything else, so the text reads back as exactly the JSON it was written from.
/// </summary>
internal static partial class Yaml
{
    public static string Write(JsonNode document)
    {
        using var text = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(text, EmitterSettings.Default.WithBestWidth(int.MaxValue).WithIndentedSequences());
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, document);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    public static JsonNode? Read(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return ToJson(stream.Documents[0].RootNode);
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject map:
                emitter.Emit(new MappingStart());
                foreach (var (key, value) in map)
                {
                    emitter.Emit(String(key));
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray list:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
                foreach (var item in list)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                emitter.Emit(String(value.GetValue<string>()));
                break;
            default:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, node?.ToJsonString() ?? "null", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
        }
    }

    private static Scalar String(string value) => Plain().IsMatch(value) && !Reserved().IsMatch(value)
        ? new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false)
        : new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.DoubleQuoted, isPlainImplicit: false, isQuotedImplicit: true);

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar when scalar.Value is "null" or "~" => null,
        YamlScalarNode { Style: ScalarStyle.Plain } scalar when scalar.Value is "true" or "false" || Number().IsMatch(scalar.Value!) => JsonNode.Parse(scalar.Value!),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidDataException($"Unexpected YAML at {node.Start}."),
    };

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_.$/-]*$")]
    private static partial Regex Plain();

    [GeneratedRegex("^(true|false|null|yes|no|on|off|y|n)$", RegexOptions.IgnoreCase)]
    private static partial Regex Reserved();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex Number();
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Security;

/// <summary>
/// A password, bind secret or TOTP secret in memory. It prints, logs and serializes as <c>***</c>; only
/// <see cref="Reveal"/> gives the value, so every place that uses it is explicit. Request bodies may bind to it
/// (JSON reading accepts a string).
/// </summary>
[DebuggerDisplay("***")]
[JsonConverter(typeof(SecretJsonConverter))]
public sealed class Secret
{
    public const string Redacted = "***";

    private readonly string _value;

    public Secret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    public bool IsEmpty => _value.Length == 0;

    public string Reveal() => _value;

    public override string ToString() => Redacted;

    private sealed class SecretJsonConverter : JsonConverter<Secret>
    {
        public override Secret? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                ? new Secret(reader.GetString() ?? "")
                : throw new JsonException("A secret must be a JSON string.");

        public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Redacted);
    }
}

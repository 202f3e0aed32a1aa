using System.Globalization;
using System.Text;

namespace Platform.Testing;

/// <summary>
/// A span as an OTLP exporter sent it: ids in lower-case hex, the exporting service's <c>service.name</c> and the
/// attributes of its resource.
/// </summary>
public sealed record ReceivedSpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    int Kind,
    string Service,
    string Scope,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyDictionary<string, string> Resource);

/// <summary>
/// Decodes an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry/proto/collector/trace/v1) from protobuf: resource
/// spans (1) → resource (1) → attributes (1), and scope spans (2) → scope (1) and spans (2) with trace id (1), span id
/// (2), parent span id (4), name (5), kind (6) and attributes (9). Everything else is skipped.
/// </summary>
public static class OtlpTraces
{
    public static List<ReceivedSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<ReceivedSpan>();
        var reader = new ProtoReader(request);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && wire == ProtoReader.LengthDelimited)
            {
                ReadResourceSpans(reader.ReadBytes(), spans);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return spans;
    }

    private static void ReadResourceSpans(ReadOnlySpan<byte> message, List<ReceivedSpan> spans)
    {
        IReadOnlyDictionary<string, string> resource = new Dictionary<string, string>(StringComparer.Ordinal);
        var scopes = new List<byte[]>();
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoReader.LengthDelimited):
                    resource = Attributes(reader.ReadBytes(), 1);
                    break;
                case (2, ProtoReader.LengthDelimited):
                    scopes.Add(reader.ReadBytes().ToArray());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        foreach (var scope in scopes)
        {
            ReadScopeSpans(scope, resource, spans);
        }
    }

    private static void ReadScopeSpans(ReadOnlySpan<byte> message, IReadOnlyDictionary<string, string> resource, List<ReceivedSpan> spans)
    {
        var scope = "";
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoReader.LengthDelimited):
                    scope = FirstString(reader.ReadBytes(), 1) ?? "";
                    break;
                case (2, ProtoReader.LengthDelimited):
                    spans.Add(ReadSpan(reader.ReadBytes(), resource, scope));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
    }

    private static ReceivedSpan ReadSpan(ReadOnlySpan<byte> message, IReadOnlyDictionary<string, string> resource, string scope)
    {
        var (traceId, spanId, parent, name, kind) = ("", "", (string?)null, "", 0);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoReader.LengthDelimited):
                    traceId = Convert.ToHexStringLower(reader.ReadBytes());
                    break;
                case (2, ProtoReader.LengthDelimited):
                    spanId = Convert.ToHexStringLower(reader.ReadBytes());
                    break;
                case (4, ProtoReader.LengthDelimited):
                    var bytes = reader.ReadBytes();
                    parent = bytes.IsEmpty ? null : Convert.ToHexStringLower(bytes);
                    break;
                case (5, ProtoReader.LengthDelimited):
                    name = Encoding.UTF8.GetString(reader.ReadBytes());
                    break;
                case (6, ProtoReader.Varint):
                    kind = (int)reader.ReadVarint();
                    break;
                case (9, ProtoReader.LengthDelimited):
                    var (key, value) = KeyValue(reader.ReadBytes());
                    attributes[key] = value;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        var service = resource.GetValueOrDefault("service.name", "");
        return new ReceivedSpan(traceId, spanId, parent, name, kind, service, scope, attributes, resource);
    }

    /// <summary>The <c>KeyValue</c> entries of a message's repeated field <paramref name="field"/>.</summary>
    private static Dictionary<string, string> Attributes(ReadOnlySpan<byte> message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new ProtoReader(message);
        while (reader.Next(out var f, out var wire))
        {
            if (f == field && wire == ProtoReader.LengthDelimited)
            {
                var (key, value) = KeyValue(reader.ReadBytes());
                attributes[key] = value;
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return attributes;
    }

    /// <summary>A <c>KeyValue</c>: key (1) and an <c>AnyValue</c> (2) read as text — string (1), bool (2), int (3) or double (4).</summary>
    private static (string Key, string Value) KeyValue(ReadOnlySpan<byte> message)
    {
        var (key, value) = ("", "");
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoReader.LengthDelimited):
                    key = Encoding.UTF8.GetString(reader.ReadBytes());
                    break;
                case (2, ProtoReader.LengthDelimited):
                    value = AnyValue(reader.ReadBytes());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return (key, value);
    }

    private static string AnyValue(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoReader.LengthDelimited):
                    return Encoding.UTF8.GetString(reader.ReadBytes());
                case (2, ProtoReader.Varint):
                    return reader.ReadVarint() != 0 ? "true" : "false";
                case (3, ProtoReader.Varint):
                    return ((long)reader.ReadVarint()).ToString(CultureInfo.InvariantCulture);
                case (4, ProtoReader.Fixed64):
                    return BitConverter.UInt64BitsToDouble(reader.ReadFixed64()).ToString(CultureInfo.InvariantCulture);
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return "";
    }

    private static string? FirstString(ReadOnlySpan<byte> message, int field)
    {
        var reader = new ProtoReader(message);
        while (reader.Next(out var f, out var wire))
        {
            if (f == field && wire == ProtoReader.LengthDelimited)
            {
                return Encoding.UTF8.GetString(reader.ReadBytes());
            }

            reader.Skip(wire);
        }

        return null;
    }
}

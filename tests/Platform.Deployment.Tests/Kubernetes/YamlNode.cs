using System.Globalization;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>
/// A node of YAML deserialized without a schema (mappings, lists, string scalars), read leniently: a missing key or a
/// node of another shape reads as a missing node, so that a check can say what is absent instead of throwing.
/// </summary>
internal readonly record struct YamlNode(object? Value)
{
    public bool Exists => Value is not null;

    public YamlNode this[string key] =>
        new(Value is Dictionary<object, object> map && map.TryGetValue(key, out var child) ? child : null);

    /// <summary>A dotted path of mapping keys, e.g. <c>spec.template.spec</c>.</summary>
    public YamlNode At(string path) => path.Split('.').Aggregate(this, (node, key) => node[key]);

    public IEnumerable<YamlNode> Items => Value is List<object> list ? list.Select(item => new YamlNode(item)) : [];

    public IEnumerable<KeyValuePair<string, YamlNode>> Entries =>
        Value is Dictionary<object, object> map
            ? map.Select(kv => KeyValuePair.Create(kv.Key.ToString()!, new YamlNode(kv.Value)))
            : [];

    /// <summary>A mapping of scalars (labels, a ConfigMap's data) as strings.</summary>
    public IReadOnlyDictionary<string, string> Strings =>
        Entries.ToDictionary(e => e.Key, e => e.Value.Text ?? "", StringComparer.Ordinal);

    public string? Text => Value is string or bool or int or long ? Convert.ToString(Value, CultureInfo.InvariantCulture) : null;

    public int? Int => int.TryParse(Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public bool IsTrue => string.Equals(Text, "true", StringComparison.Ordinal);

    public override string ToString() => Text ?? (Value is null ? "(none)" : Value.GetType().Name);
}

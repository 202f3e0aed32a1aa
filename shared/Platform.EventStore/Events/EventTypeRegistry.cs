using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.EventStore.Events;

/// <summary>
/// Maps event types to stable names and schema versions — never to assembly-qualified CLR names, so a class can be
/// renamed or moved without breaking stored streams. An event stored at an older version is upcast on read.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, Registration> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, Registration> _byType = [];
    private readonly Dictionary<(string Name, int FromVersion), Func<JsonObject, JsonObject>> _upcasters = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="name"/> at its current <paramref name="version"/>.</summary>
    public EventTypeRegistry Register<T>(string name, int version = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (_byName.ContainsKey(name) || _byType.ContainsKey(typeof(T)))
        {
            throw new ArgumentException($"Event type '{name}' ({typeof(T).Name}) is registered twice.", nameof(name));
        }

        var registration = new Registration(name, version, typeof(T));
        _byName[name] = registration;
        _byType[typeof(T)] = registration;
        return this;
    }

    /// <summary>Turns the JSON of <paramref name="name"/> at <paramref name="fromVersion"/> into the JSON of the next version.</summary>
    public EventTypeRegistry Upcast(string name, int fromVersion, Func<JsonObject, JsonObject> upcast)
    {
        _upcasters[(name, fromVersion)] = upcast;
        return this;
    }

    public (string Name, int Version) NameOf(Type type) =>
        _byType.TryGetValue(type, out var registration)
            ? (registration.Name, registration.Version)
            : throw new UnknownEventTypeException($"{type.Name} is not registered with the event store.");

    public object Deserialize(string name, int storedVersion, string json)
    {
        if (!_byName.TryGetValue(name, out var registration))
        {
            throw new UnknownEventTypeException($"No event type is registered as '{name}'.");
        }

        if (storedVersion == registration.Version)
        {
            return JsonSerializer.Deserialize(json, registration.Type, Json)!;
        }

        var node = JsonNode.Parse(json)!.AsObject();
        for (var version = storedVersion; version < registration.Version; version++)
        {
            if (!_upcasters.TryGetValue((name, version), out var upcast))
            {
                throw new UnknownEventTypeException($"No upcaster for '{name}' from version {version}.");
            }

            node = upcast(node);
        }

        return node.Deserialize(registration.Type, Json)!;
    }

    public string Serialize(object @event) => JsonSerializer.Serialize(@event, @event.GetType(), Json);

    private sealed record Registration(string Name, int Version, Type Type);
}

using System.Reflection;

namespace Platform.Outbox.Relay;

/// <summary>
/// The message types the outbox stores, by full name. Contracts never move or rename, so the name is stable; only
/// registered types are ever instantiated from a stored row.
/// </summary>
public sealed class MessageTypeRegistry
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);

    public MessageTypeRegistry Add(Type type)
    {
        _byName[NameOf(type)] = type;
        return this;
    }

    /// <summary>Every public, concrete class in the assembly of <typeparamref name="T"/> (e.g. Platform.Contracts).</summary>
    public MessageTypeRegistry AddAssemblyOf<T>()
    {
        foreach (var type in typeof(T).Assembly.GetExportedTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            Add(type);
        }

        return this;
    }

    public static string NameOf(Type type) => type.FullName ?? type.Name;

    public Type Resolve(string name) =>
        _byName.TryGetValue(name, out var type)
            ? type
            : throw new InvalidOperationException($"Outbox message type '{name}' is not registered.");

    public bool Contains(Type type) => _byName.ContainsKey(NameOf(type));

    internal IEnumerable<Assembly> Assemblies => _byName.Values.Select(t => t.Assembly).Distinct();
}

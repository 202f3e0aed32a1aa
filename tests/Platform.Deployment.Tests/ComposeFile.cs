using Platform.Testing;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Platform.Deployment.Tests;

/// <summary>
/// docker-compose.yml read the way compose reads it: YAML anchors and merge keys (<c>&lt;&lt;: *x</c>) resolved,
/// and <c>${VAR:-default}</c> replaced by its default, so assertions see the values a fresh checkout runs with.
/// </summary>
internal sealed class ComposeFile
{
    private ComposeFile(string path, IReadOnlyDictionary<string, ComposeService> services)
    {
        FilePath = path;
        Services = services;
    }

    public string FilePath { get; }

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    public static string DefaultPath => Path.Combine(RepositoryRoot.Path, "docker-compose.yml");

    public static ComposeFile Load() => Load(DefaultPath);

    public static ComposeFile Load(string path)
    {
        using var reader = new StreamReader(path);
        var document = new DeserializerBuilder().Build().Deserialize<object>(new MergingParser(new Parser(reader)));
        var root = document as Dictionary<object, object>
            ?? throw new InvalidDataException($"{path} does not hold a YAML mapping.");
        var services = root.TryGetValue("services", out var s) && s is Dictionary<object, object> map
            ? map.ToDictionary(
                kv => (string)kv.Key,
                kv => new ComposeService((string)kv.Key, kv.Value as Dictionary<object, object> ?? [], Path.GetDirectoryName(path)!),
                StringComparer.Ordinal)
            : new Dictionary<string, ComposeService>(StringComparer.Ordinal);
        return new ComposeFile(path, services);
    }

    public ComposeService Service(string name) =>
        Services.TryGetValue(name, out var service)
            ? service
            : throw new Xunit.Sdk.XunitException($"{FilePath} has no service '{name}' (services: {string.Join(", ", Services.Keys)}).");
}

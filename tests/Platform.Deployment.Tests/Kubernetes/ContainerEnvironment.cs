using System.Text.RegularExpressions;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>
/// The environment Kubernetes gives a Deployment's container: <c>envFrom</c> in order (a later source wins), then
/// <c>env</c> over it, with <c>$(NAME)</c> expanded from what is defined before, as the kubelet does. ConfigMaps come
/// from the rendered manifest, Secrets from deploy/k8s/create-secrets.sh.
/// </summary>
internal sealed partial class ContainerEnvironment
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _origins = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expanded = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private readonly Manifest _manifest;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _secrets;

    private ContainerEnvironment(Manifest manifest, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> secrets)
    {
        _manifest = manifest;
        _secrets = secrets;
    }

    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>Where each variable comes from, e.g. <c>Secret platform-rabbitmq</c>, <c>ConfigMap …</c>, <c>value</c>.</summary>
    public IReadOnlyDictionary<string, string> Origins => _origins;

    /// <summary>Variables that only serve to build others (<c>$(POD_NAME)</c>).</summary>
    public IReadOnlySet<string> Expanded => _expanded;

    /// <summary>References to a ConfigMap, a Secret or a key that does not exist, and are not optional.</summary>
    public IReadOnlyList<string> Problems => _problems;

    public bool FromSecret(string name) => _origins.TryGetValue(name, out var origin) && origin.StartsWith("Secret ", StringComparison.Ordinal);

    public static ContainerEnvironment Of(
        Workload workload, Manifest manifest, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> secrets)
    {
        var environment = new ContainerEnvironment(manifest, secrets);
        foreach (var source in workload.Container["envFrom"].Items)
        {
            environment.AddSource(source);
        }

        foreach (var variable in workload.Container["env"].Items)
        {
            environment.Add(workload, variable);
        }

        return environment;
    }

    private void AddSource(YamlNode source)
    {
        var (kind, reference) = source["configMapRef"].Exists ? ("ConfigMap", source["configMapRef"]) : ("Secret", source["secretRef"]);
        var name = reference["name"].Text ?? "";
        if (Data(kind, name) is not { } data)
        {
            Problem(reference, $"envFrom {kind} '{name}' does not exist");
            return;
        }

        foreach (var (key, value) in data)
        {
            Set((source["prefix"].Text ?? "") + key, value, $"{kind} {name}");
        }
    }

    private void Add(Workload workload, YamlNode variable)
    {
        var name = variable["name"].Text ?? "";
        var from = variable["valueFrom"];
        if (!from.Exists)
        {
            Set(name, Expand(variable["value"].Text ?? ""), "value");
        }
        else if (from["fieldRef"].Exists)
        {
            Set(name, FieldValue(workload, from.At("fieldRef.fieldPath").Text), "fieldRef");
        }
        else
        {
            var (kind, reference) = from["configMapKeyRef"].Exists ? ("ConfigMap", from["configMapKeyRef"]) : ("Secret", from["secretKeyRef"]);
            var (source, key) = (reference["name"].Text ?? "", reference["key"].Text ?? "");
            if (Data(kind, source) is { } data && data.TryGetValue(key, out var value))
            {
                Set(name, value, $"{kind} {source}");
            }
            else
            {
                Problem(reference, $"{name}: {kind} '{source}' has no key '{key}'");
            }
        }
    }

    private IReadOnlyDictionary<string, string>? Data(string kind, string name)
    {
        if (kind == "Secret")
        {
            return _secrets.GetValueOrDefault(name);
        }

        var configMap = _manifest.Find("ConfigMap", name);
        return configMap.Exists ? configMap["data"].Strings : null;
    }

    private void Set(string name, string value, string origin)
    {
        _variables[name] = value;
        _origins[name] = origin;
    }

    private void Problem(YamlNode reference, string problem)
    {
        if (!reference["optional"].IsTrue)
        {
            _problems.Add(problem);
        }
    }

    /// <summary><c>$(NAME)</c> of a variable defined before; <c>$$(NAME)</c> is a literal <c>$(NAME)</c>; an unknown one stays as written.</summary>
    private string Expand(string value) =>
        Reference().Replace(value, m =>
        {
            var name = m.Groups["name"].Value;
            if (m.Value.StartsWith("$$", StringComparison.Ordinal))
            {
                return m.Value[1..];
            }

            if (!_variables.TryGetValue(name, out var defined))
            {
                return m.Value;
            }

            _expanded.Add(name);
            return defined;
        });

    private static string FieldValue(Workload workload, string? path) => path switch
    {
        "metadata.name" => workload.Name + "-pod",
        "metadata.namespace" => workload.Namespace ?? "default",
        _ => $"({path})",
    };

    [GeneratedRegex(@"\$?\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}

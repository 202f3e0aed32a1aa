namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>A rendered Deployment and its one container, the service's.</summary>
internal sealed record Workload(YamlNode Object)
{
    public string Name => Object.At("metadata.name").Text ?? "";

    public string? Namespace => Object.At("metadata.namespace").Text;

    /// <summary>Kubernetes runs one replica when the field is absent.</summary>
    public int Replicas => Object.At("spec.replicas").Int ?? 1;

    public YamlNode PodSpec => Object.At("spec.template.spec");

    public IReadOnlyDictionary<string, string> PodLabels => Object.At("spec.template.metadata.labels").Strings;

    public IReadOnlyDictionary<string, string> Selector => Object.At("spec.selector.matchLabels").Strings;

    public IReadOnlyList<YamlNode> Containers => [.. PodSpec["containers"].Items];

    /// <summary>The service's container: the only one, or else the one named after the Deployment.</summary>
    public YamlNode Container =>
        Containers.Count == 1 ? Containers[0] : Containers.FirstOrDefault(c => c["name"].Text == Name);

    public string? Image => Container["image"].Text;

    /// <summary>The container port a probe or a Service names, by number or by name; null when it names none.</summary>
    public int? ContainerPort(YamlNode port)
    {
        var declared = Container["ports"].Items.ToList();
        if (port.Int is { } number)
        {
            return declared.Any(p => p["containerPort"].Int == number) ? number : null;
        }

        return declared.FirstOrDefault(p => p["name"].Text == port.Text)["containerPort"].Int;
    }

    /// <summary>Whether <paramref name="selector"/> (a matchLabels map) selects this Deployment's pods.</summary>
    public bool PodsMatch(IReadOnlyDictionary<string, string> selector) =>
        selector.Count > 0 && selector.All(s => PodLabels.TryGetValue(s.Key, out var value) && value == s.Value);
}

using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>The objects an overlay renders to, as <c>kubectl kustomize</c> prints them.</summary>
internal sealed class Manifest
{
    private Manifest(string overlay, string text, IReadOnlyList<YamlNode> objects)
    {
        Overlay = overlay;
        Text = text;
        Objects = objects;
    }

    public string Overlay { get; }

    /// <summary>The YAML as rendered.</summary>
    public string Text { get; }

    public IReadOnlyList<YamlNode> Objects { get; }

    public IEnumerable<Workload> Deployments => OfKind("Deployment").Select(d => new Workload(d));

    public static Manifest Parse(string overlay, string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var objects = new List<YamlNode>();
        while (!parser.Accept<StreamEnd>(out _))
        {
            var document = deserializer.Deserialize<object>(parser);
            if (document is not null)
            {
                objects.Add(new YamlNode(document));
            }
        }

        return new Manifest(overlay, yaml, objects);
    }

    public IEnumerable<YamlNode> OfKind(string kind) => Objects.Where(o => o["kind"].Text == kind);

    public YamlNode Find(string kind, string name) =>
        OfKind(kind).FirstOrDefault(o => o.At("metadata.name").Text == name);

    public Workload Deployment(string name) =>
        Find("Deployment", name) is { Exists: true } deployment
            ? new Workload(deployment)
            : throw new Xunit.Sdk.XunitException($"overlay {Overlay} renders no Deployment '{name}' (Deployments: {string.Join(", ", Deployments.Select(d => d.Name))}).");
}

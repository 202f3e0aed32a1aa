using Xunit;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>The network policy behind the services' own egress check (docs/deployment.md, "Egress").</summary>
[Collection(KubernetesOverlaysCollection.Name)]
public sealed class The_kubernetes_egress(KubernetesOverlays overlays)
{
    private static readonly string[] InternalV4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10", "127.0.0.0/8"];
    private static readonly string[] InternalV6 = ["fc00::/7", "fe80::/10", "::1/128"];

    [Theory]
    [EveryOverlay]
    public async Task Lets_every_pod_reach_dns_the_namespace_and_the_internet_but_no_private_range(string overlay)
    {
        var manifest = (await overlays.LoadAsync(overlay)).Manifest;
        var policy = Assert.Single(manifest.OfKind("NetworkPolicy"));
        var rules = policy.At("spec.egress").Items.ToList();
        var blocks = rules.SelectMany(r => r["to"].Items).Select(t => t["ipBlock"]).Where(b => b.Exists).ToList();

        Assert.Equal("platform", policy.At("spec.podSelector.matchLabels")["app.kubernetes.io/part-of"].Text);
        Assert.All(manifest.Deployments, d => Assert.Equal("platform", d.PodLabels.GetValueOrDefault("app.kubernetes.io/part-of")));
        Assert.Equal(["Egress"], policy.At("spec.policyTypes").Items.Select(i => i.Text));
        Assert.Contains(rules, r => r["ports"].Items.Any(p => p["port"].Int == 53 && p["protocol"].Text == "UDP"));
        Assert.Contains(rules, r => r["to"].Items.Any(t => t["podSelector"].Exists && !t["podSelector"].Entries.Any() && !t["namespaceSelector"].Exists));
        var v4 = Assert.Single(blocks, b => b["cidr"].Text == "0.0.0.0/0");
        var v6 = Assert.Single(blocks, b => b["cidr"].Text == "::/0");
        Assert.Empty(InternalV4.Except(v4["except"].Items.Select(i => i.Text!)));
        Assert.Empty(InternalV6.Except(v6["except"].Items.Select(i => i.Text!)));
    }
}

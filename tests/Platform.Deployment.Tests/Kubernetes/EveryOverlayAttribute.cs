using System.Reflection;
using Xunit.Sdk;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>Runs a theory once per overlay under deploy/k8s/overlays that the platform ships: dev and prod.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class EveryOverlayAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        [[KubernetesOverlays.Dev], [KubernetesOverlays.Prod]];
}

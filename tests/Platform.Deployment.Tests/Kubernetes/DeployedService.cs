namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>A service folder as an overlay deploys it: its Deployment, its container's environment, and the service built on it.</summary>
internal sealed record DeployedService(
    ServiceFolder Folder, Workload Workload, ContainerEnvironment Environment, ConfiguredService Service, Manifest Manifest)
{
    /// <summary>The object of <paramref name="kind"/> named after the service (its Service, autoscaler, disruption budget).</summary>
    public YamlNode Companion(string kind) => Manifest.Find(kind, Folder.Name);
}

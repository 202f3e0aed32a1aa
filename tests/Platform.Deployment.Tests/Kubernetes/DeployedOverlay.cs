namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>An overlay rendered, with the Secrets create-secrets.sh makes, and each service folder as it deploys it.</summary>
internal sealed class DeployedOverlay(
    Manifest manifest, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> secrets, IReadOnlyList<DeployedService> services)
    : IAsyncDisposable
{
    public Manifest Manifest => manifest;

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Secrets => secrets;

    /// <summary>Service folders that have a Deployment of their name.</summary>
    public IReadOnlyList<DeployedService> Services => services;

    public DeployedService Service(string folder) =>
        services.FirstOrDefault(s => s.Folder.Name == folder)
        ?? throw new Xunit.Sdk.XunitException($"overlay {manifest.Overlay} deploys no '{folder}'.");

    public static async Task<DeployedOverlay> LoadAsync(string overlay)
    {
        var manifest = await Kustomize.RenderAsync(overlay);
        var secrets = await PlatformSecrets.CreatedAsync();
        var services = new List<DeployedService>();
        foreach (var folder in ServiceFolders.All())
        {
            if (manifest.Deployments.FirstOrDefault(d => d.Name == folder.Name) is { } workload)
            {
                var environment = ContainerEnvironment.Of(workload, manifest, secrets);
                services.Add(new DeployedService(
                    folder, workload, environment, await ConfiguredService.BuildAsync(folder.Name, environment.Variables), manifest));
            }
        }

        return new DeployedOverlay(manifest, secrets, services);
    }

    /// <summary>
    /// The problems <paramref name="check"/> finds in each service folder, prefixed with the overlay and folder; a
    /// folder without a Deployment is a problem of its own.
    /// </summary>
    public IReadOnlyList<string> ForEachService(Func<DeployedService, IEnumerable<string>> check)
    {
        var folders = ServiceFolders.All();
        Xunit.Assert.NotEmpty(folders);
        return folders
            .SelectMany(
                folder => services.FirstOrDefault(s => s.Folder.Name == folder.Name) is { } service ? check(service) : ["has no Deployment"],
                (folder, problem) => $"{manifest.Overlay}/{folder.Name}: {problem}")
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in services)
        {
            await service.Service.DisposeAsync();
        }
    }
}

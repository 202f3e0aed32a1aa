using System.Collections.Concurrent;
using Xunit;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>
/// The overlays under deploy/k8s/overlays, each rendered and its services built once for all the tests that read
/// them. An overlay that does not render fails each test that asks for it, with kubectl's message.
/// </summary>
public sealed class KubernetesOverlays : IAsyncLifetime
{
    public const string Dev = "dev";
    public const string Prod = "prod";

    private readonly ConcurrentDictionary<string, Lazy<Task<DeployedOverlay>>> _overlays = new(StringComparer.Ordinal);

    internal Task<DeployedOverlay> LoadAsync(string overlay) =>
        _overlays.GetOrAdd(overlay, o => new Lazy<Task<DeployedOverlay>>(() => DeployedOverlay.LoadAsync(o))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var overlay in _overlays.Values.Where(l => l.IsValueCreated).Select(l => l.Value))
        {
            if (overlay.IsCompletedSuccessfully)
            {
                await overlay.Result.DisposeAsync();
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class KubernetesOverlaysCollection : ICollectionFixture<KubernetesOverlays>
{
    public const string Name = "Kubernetes overlays";
}

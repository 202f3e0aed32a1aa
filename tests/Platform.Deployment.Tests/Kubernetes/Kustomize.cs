using Platform.Testing;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>The overlays under deploy/k8s/overlays, rendered with <c>kubectl kustomize</c> (offline: no cluster needed).</summary>
internal static class Kustomize
{
    public const string Executable = "kubectl";

    public static string Root => Path.Combine(RepositoryRoot.Path, "deploy", "k8s");

    public static string OverlayPath(string overlay) => Path.Combine(Root, "overlays", overlay);

    public static async Task<Manifest> RenderAsync(string overlay)
    {
        var kubectl = ExecutablePath.Find(Executable) ?? throw new Xunit.Sdk.XunitException(
            $"'{Executable}' is not on PATH, so the overlays under {Root} cannot be rendered.");
        var (exitCode, stdout, stderr) = await Command.RunSeparatelyAsync(kubectl, ["kustomize", OverlayPath(overlay)]);
        return exitCode == 0
            ? Manifest.Parse(overlay, stdout)
            : throw new Xunit.Sdk.XunitException($"`kubectl kustomize {OverlayPath(overlay)}` exited with {exitCode}:{Environment.NewLine}{stderr}");
    }
}

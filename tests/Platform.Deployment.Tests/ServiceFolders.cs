using Platform.Testing;

namespace Platform.Deployment.Tests;

internal static class ServiceFolders
{
    /// <summary>Every folder under services/ holding a project: one deployable each.</summary>
    public static IReadOnlyList<ServiceFolder> All() =>
        System.IO.Directory.GetDirectories(Path.Combine(RepositoryRoot.Path, "services"))
            .Select(dir => (dir, projects: System.IO.Directory.GetFiles(dir, "*.csproj")))
            .Where(x => x.projects.Length > 0)
            .Select(x => new ServiceFolder(Path.GetFileName(x.dir), x.projects.Single()))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
}

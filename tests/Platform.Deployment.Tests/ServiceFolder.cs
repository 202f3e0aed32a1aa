using Platform.Testing;
using System.Xml.Linq;

namespace Platform.Deployment.Tests;

/// <summary>services/&lt;Name&gt;/ and the one project in it.</summary>
internal sealed record ServiceFolder(string Name, string ProjectPath)
{
    /// <summary>The project's path from the repository root, with forward slashes.</summary>
    public string RelativeProjectPath => Path.GetRelativePath(RepositoryRoot.Path, ProjectPath).Replace('\\', '/');

    /// <summary>The assembly the project builds: its AssemblyName, else its file name.</summary>
    public string AssemblyName =>
        XDocument.Load(ProjectPath).Descendants("AssemblyName").Select(e => e.Value.Trim()).LastOrDefault()
        ?? Path.GetFileNameWithoutExtension(ProjectPath);
}

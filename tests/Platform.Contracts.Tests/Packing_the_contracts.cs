using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using Platform.Contracts.Tests.Catalog;
using Platform.Testing;
using Xunit;

namespace Platform.Contracts.Tests;

/// <summary><c>dotnet pack</c> of the contracts: what .NET consumers outside the platform reference.</summary>
public sealed class Packing_the_contracts : IDisposable
{
    private readonly DirectoryInfo _output = System.IO.Directory.CreateTempSubdirectory("platform-contracts-pack-");

    [Fact]
    public async Task Gives_a_versioned_package_with_the_assembly_its_docs_and_readme_and_no_dependencies()
    {
        var project = Path.Combine(RepositoryRoot.Path, "shared", "Platform.Contracts", "Platform.Contracts.csproj");
        // Packs what this test run built (no build of its own, so nothing races a build running beside it).
        var configuration = typeof(Packing_the_contracts).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

        var pack = await Shell.Run("dotnet",
            ["pack", project, "--no-build", "--nologo", "-nodeReuse:false", "-c", configuration, "-o", _output.FullName, $"-p:NuspecOutputPath={_output.FullName}/nuspec/"]);
        var package = _output.GetFiles("*.nupkg").SingleOrDefault();

        Assert.True(pack.ExitCode == 0 && package is not null, pack.Output + pack.Error);
        using var zip = ZipFile.OpenRead(package.FullName);
        var files = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        await using var nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var nuspec = XDocument.Load(nuspecStream);
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("Platform.Contracts", metadata.Element(ns + "id")?.Value);
        Assert.Equal(CatalogFiles.PackageVersion, metadata.Element(ns + "version")?.Value);
        Assert.Equal($"Platform.Contracts.{CatalogFiles.PackageVersion}.nupkg", package.Name);
        Assert.Contains("lib/net10.0/Platform.Contracts.dll", files);
        Assert.Contains("lib/net10.0/Platform.Contracts.xml", files);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.Contains("README.md", files);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        Assert.Empty(nuspec.Descendants(ns + "dependency"));
        Assert.Empty(nuspec.Descendants(ns + "frameworkReference"));
    }

    public void Dispose() => _output.Delete(recursive: true);
}

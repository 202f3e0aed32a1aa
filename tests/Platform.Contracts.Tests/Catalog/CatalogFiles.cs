using System.Xml.Linq;
using Platform.Testing;

namespace Platform.Contracts.Tests.Catalog;

/// <summary>
/// docs/asyncapi.yaml and the generated part of docs/events.md, as the generator writes them from the contracts, the
/// services' consumers and <see cref="EventCatalog"/>.
/// </summary>
internal static class CatalogFiles
{
    public const string UpdateVariable = "PLATFORM_UPDATE_CATALOG";
    public const string Begin = "<!-- catalog:begin (generated from the contracts and the services: do not edit by hand) -->";
    public const string End = "<!-- catalog:end -->";

    public static string HowToRegenerate =>
        $"Regenerate it: {UpdateVariable}=1 dotnet test tests/Platform.Contracts.Tests --filter FullyQualifiedName~The_event_catalog (docs/events.md says more).";

    public static string AsyncApi { get; } = Path.Combine(RepositoryRoot.Path, "docs", "asyncapi.yaml");

    public static string EventsPage { get; } = Path.Combine(RepositoryRoot.Path, "docs", "events.md");

    public static string PackageVersion =>
        XDocument.Load(Path.Combine(RepositoryRoot.Path, "shared", "Platform.Contracts", "Platform.Contracts.csproj"))
            .Descendants("Version").Single().Value;

    /// <summary>What each file must hold, by path.</summary>
    public static IReadOnlyDictionary<string, string> Generate()
    {
        var entries = ContractCatalog.Build();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AsyncApi] = "# Generated from the contracts and the services: see docs/events.md. Do not edit by hand.\n"
                + Yaml.Write(AsyncApiDocument.Build(entries, PackageVersion)),
            [EventsPage] = WithGeneratedPart(File.ReadAllText(EventsPage), EventsMarkdown.Contracts(entries)),
        };
    }

    private static string WithGeneratedPart(string markdown, string generated)
    {
        var begin = markdown.IndexOf(Begin, StringComparison.Ordinal);
        var end = markdown.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"docs/events.md lost its markers {Begin} and {End}: the generated part goes between them.");
        }

        return markdown[..(begin + Begin.Length)] + "\n\n" + generated + "\n" + markdown[end..];
    }
}

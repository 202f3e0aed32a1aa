using System.Text.Json.Nodes;
using Platform.Contracts.Tests.Catalog;
using Xunit;

namespace Platform.Contracts.Tests;

/// <summary>
/// docs/events.md and docs/asyncapi.yaml are what teams outside build on: every contract must be in them exactly as
/// the code defines it, published and consumed where the services really do it.
/// </summary>
public sealed class The_event_catalog
{
    private static readonly Lazy<IReadOnlyList<CatalogEntry>> Entries = new(ContractCatalog.Build);
    private static readonly Lazy<JsonNode> AsyncApi = new(() => Yaml.Read(File.ReadAllText(CatalogFiles.AsyncApi))!);

    public static TheoryData<string> Contracts() => [.. ContractSamples.ContractTypes().Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Holds_the_json_schema_each_contract_type_defines(string contract)
    {
        var expected = Entry(contract).Schema;
        var documented = AsyncApi.Value["components"]?["schemas"]?[contract];

        Assert.True(documented is not null, $"docs/asyncapi.yaml has no schema of {contract}. {CatalogFiles.HowToRegenerate}");
        Assert.True(JsonNode.DeepEquals(expected, documented),
            $"docs/asyncapi.yaml describes {contract} otherwise than its type. {CatalogFiles.HowToRegenerate}\nType:\n{expected}\nDocument:\n{documented}");
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Shows_each_message_on_its_exchange_with_its_wire_json(string contract)
    {
        var entry = Entry(contract);
        var message = AsyncApi.Value["components"]?["messages"]?[contract];
        var channel = AsyncApi.Value["channels"]?[contract];

        if (!entry.IsMessage)
        {
            Assert.Null(message);
            return;
        }

        Assert.True(message is not null && channel is not null, $"docs/asyncapi.yaml has no message or channel {contract}. {CatalogFiles.HowToRegenerate}");
        Assert.Equal(entry.Kind is ContractKind.Response ? null : entry.Exchange, channel["address"]?.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(entry.Example, message["examples"]?[0]?["payload"]?["message"]), $"The example of {contract} is not its wire JSON.");
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Lists_each_contract_in_events_md(string contract)
    {
        var page = File.ReadAllText(CatalogFiles.EventsPage);

        Assert.Contains($"\n### `{contract}`\n", page, StringComparison.Ordinal);
        Assert.Contains(Entry(contract).IsMessage ? $"urn:message:Platform.Contracts:{contract}" : $"`{contract}`", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_exactly_what_the_generator_writes_from_the_contracts_and_the_services()
    {
        var update = Environment.GetEnvironmentVariable(CatalogFiles.UpdateVariable) == "1";
        var stale = new List<string>();
        foreach (var (path, expected) in CatalogFiles.Generate())
        {
            if (File.Exists(path) && File.ReadAllText(path) == expected)
            {
                continue;
            }

            if (update)
            {
                File.WriteAllText(path, expected);
            }
            else
            {
                stale.Add(FirstDifference(path, expected));
            }
        }

        Assert.True(stale.Count == 0, $"Not what the contracts and the services say. {CatalogFiles.HowToRegenerate}\n{string.Join("\n", stale)}");
    }

    private static string FirstDifference(string path, string expected)
    {
        var name = Path.GetRelativePath(Platform.Testing.RepositoryRoot.Path, path);
        if (!File.Exists(path))
        {
            return $"{name} is missing.";
        }

        var (found, wanted) = (File.ReadAllLines(path), expected.Split('\n'));
        var line = Enumerable.Range(0, Math.Max(found.Length, wanted.Length))
            .First(i => i >= found.Length || i >= wanted.Length || found[i] != wanted[i]);
        return $"{name}, line {line + 1}: has \"{found.ElementAtOrDefault(line)}\", the generator writes \"{wanted.ElementAtOrDefault(line)}\".";
    }

    private static CatalogEntry Entry(string contract) => Entries.Value.Single(e => e.Name == contract);
}

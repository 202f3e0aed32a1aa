using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Platform.Contracts.Tests.Catalog;

/// <summary>
/// The contracts' XML comments (built beside the assembly) as Markdown text for the catalog: a reference to a list
/// of values becomes the values, to a member its JSON name, so a reader in any language needs no C#.
/// </summary>
internal sealed partial class ContractDocs
{
    private readonly Dictionary<string, XElement> _summaries;

    private ContractDocs(Dictionary<string, XElement> summaries) => _summaries = summaries;

    public static ContractDocs Load()
    {
        var path = Path.ChangeExtension(typeof(UserDiscovered).Assembly.Location, ".xml");
        var members = XDocument.Load(path, LoadOptions.PreserveWhitespace).Descendants("member");
        return new ContractDocs(members
            .Where(m => m.Element("summary") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => m.Element("summary")!, StringComparer.Ordinal));
    }

    public string? Of(Type type) => Text("T:" + type.FullName, type);

    public string? Of(PropertyInfo property) => Text($"P:{property.DeclaringType!.FullName}.{property.Name}", property.DeclaringType!);

    private string? Text(string member, Type context)
    {
        if (!_summaries.TryGetValue(member, out var summary))
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var node in summary.Nodes())
        {
            text.Append(node switch
            {
                XText plain => plain.Value,
                XElement { Name.LocalName: "c" } code => $"`{code.Value}`",
                XElement { Name.LocalName: "see" } see when see.Value.Length > 0 => see.Value,
                XElement { Name.LocalName: "see" } see => Reference((string)see.Attribute("cref")!, context),
                XElement other => other.Value,
                _ => "",
            });
        }

        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    private static string Reference(string cref, Type context)
    {
        var (kind, name) = (cref[..1], cref[2..]);
        var type = typeof(UserDiscovered).Assembly.GetType(kind == "T" ? name : name[..name.LastIndexOf('.')])
            ?? throw new InvalidOperationException($"{cref} names no contract type.");
        var member = name[(name.LastIndexOf('.') + 1)..];
        return kind switch
        {
            "T" when type.IsAbstract && type.IsSealed => string.Join(", ", ValueList.Of(type).Select(v => $"`{v}`")),
            "T" => $"`{type.Name}`",
            "F" => $"`{type.GetField(member)!.GetRawConstantValue()}`",
            _ when type == context => $"`{JsonNamingPolicy.CamelCase.ConvertName(member)}`",
            _ => $"`{type.Name}.{JsonNamingPolicy.CamelCase.ConvertName(member)}`",
        };
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

using System.DirectoryServices.Protocols;

namespace Platform.Directory.Search;

/// <summary>
/// An entry's DN and attribute values (strings, or bytes for binary attributes), detached from
/// System.DirectoryServices.Protocols so that mapping is a pure function (its result types have no public constructors).
/// </summary>
internal sealed record RawEntry(string Dn, IReadOnlyDictionary<string, IReadOnlyList<object>> Attributes)
{
    public static RawEntry From(SearchResultEntry entry, ISet<string> binaryAttributes)
    {
        var attributes = new Dictionary<string, IReadOnlyList<object>>(StringComparer.OrdinalIgnoreCase);
        foreach (DirectoryAttribute attribute in entry.Attributes.Values)
        {
            var type = binaryAttributes.Contains(attribute.Name) ? typeof(byte[]) : typeof(string);
            attributes[attribute.Name] = attribute.GetValues(type);
        }

        return new RawEntry(entry.DistinguishedName, attributes);
    }

    public IReadOnlyList<string> Strings(string attribute) =>
        Attributes.TryGetValue(attribute, out var values) ? values.OfType<string>().ToList() : [];

    public string? First(string attribute) => Strings(attribute).FirstOrDefault(v => v.Length > 0);

    public byte[]? FirstBytes(string attribute) =>
        Attributes.TryGetValue(attribute, out var values) ? values.OfType<byte[]>().FirstOrDefault() : null;
}

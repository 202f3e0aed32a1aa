using System.Text.RegularExpressions;

namespace Platform.Directory.Escaping;

/// <summary>LDAP attribute descriptions (RFC 4512): a name such as <c>sAMAccountName</c> or a numeric OID, with options.</summary>
public static partial class AttributeNames
{
    public static bool IsValid(string? attribute) => attribute is not null && Description().IsMatch(attribute);

    [GeneratedRegex(@"^(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\.[0-9]+)+)(?:;[A-Za-z0-9-]+)*$")]
    private static partial Regex Description();
}

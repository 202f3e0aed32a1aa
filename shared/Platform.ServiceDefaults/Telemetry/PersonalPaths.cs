using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// The paths spans export, with what names a person taken out: a route's parameters show as <c>{email}</c> unless
/// they are known to name no one (a domain, a run, a machine client), and a path no route matched loses every segment
/// that holds an address. Traces go to backends kept longer and read more widely than the services' own data.
/// </summary>
public static class PersonalPaths
{
    public const string Redacted = "{redacted}";

    // Parameters whose values name a customer's domain, a sync run or a machine client, never a person.
    private static readonly HashSet<string> Impersonal =
        new(["domain", "runId", "clientId", "documentName"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The matched route with impersonal parameters filled in, e.g. <c>/v1/domains/example.com/users/{email}</c>.</summary>
    public static string OfRoute(RoutePattern route, RouteValueDictionary values)
    {
        var path = new StringBuilder();
        foreach (var segment in route.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => Parameter(parameter.Name, values),
                    _ => Redacted,
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    /// <summary>A path no route explains: each segment that holds an address (also percent-encoded) is replaced.</summary>
    public static string OfPath(string path) =>
        string.Join('/', path.Split('/').Select(segment => NamesSomeone(segment) ? Redacted : segment));

    /// <summary>An outgoing request's URL without its query, with <see cref="OfPath"/>'s rule applied to its path.</summary>
    public static string OfUrl(Uri url) =>
        url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Authority) + OfPath(url.AbsolutePath) : OfPath(url.OriginalString.Split('?')[0]);

    private static string Parameter(string name, RouteValueDictionary values)
    {
        var value = values.TryGetValue(name, out var raw) ? Convert.ToString(raw, CultureInfo.InvariantCulture) : null;
        return Impersonal.Contains(name) && !string.IsNullOrEmpty(value) && !NamesSomeone(value)
            ? Uri.EscapeDataString(value)
            : "{" + name + "}";
    }

    private static bool NamesSomeone(string text) =>
        text.Contains('@', StringComparison.Ordinal) || text.Contains("%40", StringComparison.OrdinalIgnoreCase);
}

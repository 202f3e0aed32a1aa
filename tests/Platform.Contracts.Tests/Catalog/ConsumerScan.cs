using System.Text.RegularExpressions;
using Platform.Testing;

namespace Platform.Contracts.Tests.Catalog;

/// <summary>A service's consumer of a contract, with the queue MassTransit names after it.</summary>
internal sealed record Consumer(string Service, string Class, string Message)
{
    /// <summary>As the services' endpoint name formatter names it: <c>&lt;service&gt;-&lt;consumer, kebab-case, without "Consumer"&gt;</c>.</summary>
    public string Queue => Service + "-" + ConsumerScan.KebabCase(Class.EndsWith("Consumer", StringComparison.Ordinal) ? Class[..^"Consumer".Length] : Class);
}

/// <summary>Every <c>IConsumer&lt;T&gt;</c> in <c>services/&lt;service&gt;</c>, read from the source (one consumer per file).</summary>
internal static partial class ConsumerScan
{
    public static IReadOnlyList<Consumer> All() =>
        [.. System.IO.Directory.GetDirectories(Path.Combine(RepositoryRoot.Path, "services"))
            .SelectMany(service => System.IO.Directory.EnumerateFiles(service, "*.cs", SearchOption.AllDirectories)
                .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .SelectMany(file => Declarations(file).Select(match => new Consumer(Path.GetFileName(service), match.Groups["class"].Value, match.Groups["message"].Value))))
            .OrderBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Class, StringComparer.Ordinal)];

    private static IEnumerable<Match> Declarations(string file)
    {
        var source = File.ReadAllText(file);
        // Queue names here are the endpoint name formatter's; an endpoint named by hand would make them wrong.
        return source.Contains("EndpointName", StringComparison.Ordinal) || source.Contains("ReceiveEndpoint(", StringComparison.Ordinal)
            ? throw new InvalidOperationException($"{file} names an endpoint itself: teach ConsumerScan to read that name.")
            : Declaration().Matches(source);
    }

    public static string KebabCase(string name) => Boundary().Replace(name, "$1-$2").ToLowerInvariant();

    [GeneratedRegex(@"\bclass\s+(?<class>\w+)\b[^{]*?\bIConsumer<(?<message>\w+)>", RegexOptions.Singleline)]
    private static partial Regex Declaration();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Boundary();
}

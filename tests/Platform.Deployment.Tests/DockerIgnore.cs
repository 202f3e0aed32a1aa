using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Deployment.Tests;

/// <summary>
/// The build context's .dockerignore: a path is left out when the last pattern matching it or one of its parent
/// folders is not a <c>!</c> exception.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly IReadOnlyList<(Regex Pattern, bool Exception)> _rules;

    private DockerIgnore(IReadOnlyList<(Regex Pattern, bool Exception)> rules) => _rules = rules;

    public static DockerIgnore Load(string contextDirectory)
    {
        var file = Path.Combine(contextDirectory, ".dockerignore");
        var rules = !File.Exists(file)
            ? []
            : File.ReadAllLines(file)
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .Select(line => line.StartsWith('!') ? (line[1..].Trim(), true) : (line, false))
                .Select(rule => (ToRegex(rule.Item1), rule.Item2))
                .ToList();
        return new DockerIgnore(rules);
    }

    /// <param name="relativePath">A path inside the context, with forward slashes.</param>
    public bool Excludes(string relativePath)
    {
        var path = relativePath.Trim('/');
        var candidates = new List<string>();
        for (var i = path.IndexOf('/', StringComparison.Ordinal); i >= 0; i = path.IndexOf('/', i + 1))
        {
            candidates.Add(path[..i]);
        }

        candidates.Add(path);
        var excluded = false;
        foreach (var (pattern, exception) in _rules)
        {
            if (candidates.Any(pattern.IsMatch))
            {
                excluded = !exception;
            }
        }

        return excluded;
    }

    private static Regex ToRegex(string pattern)
    {
        var clean = pattern.Trim('/');
        if (clean.StartsWith("./", StringComparison.Ordinal))
        {
            clean = clean[2..];
        }

        var regex = new StringBuilder("^");
        for (var i = 0; i < clean.Length; i++)
        {
            var c = clean[i];
            if (c == '*' && i + 1 < clean.Length && clean[i + 1] == '*')
            {
                // "**/" matches any number of folders, including none.
                var slash = i + 2 < clean.Length && clean[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Deployment.Tests;

/// <summary>
/// A Dockerfile split into stages, with build arguments (compose's <c>args</c>, else the ARG defaults) and ENV values
/// substituted as the builder would. Variables it cannot know (those of the base image, like APP_UID) stay as written.
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerfileStage> stages) => Stages = stages;

    public IReadOnlyList<DockerfileStage> Stages { get; }

    /// <summary>The stage <c>docker build</c> produces without <c>--target</c>.</summary>
    public DockerfileStage FinalStage => Stages[^1];

    public static Dockerfile Load(BuildSpec build) => Parse(File.ReadAllText(build.DockerfilePath), build.Args);

    public static Dockerfile Parse(string text, IReadOnlyDictionary<string, string> buildArgs)
    {
        var globalArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<DockerfileStage>();
        Dictionary<string, string>? scope = null;
        List<DockerfileInstruction>? instructions = null;
        string? baseImage = null, stageName = null;

        void CloseStage()
        {
            if (instructions is not null)
            {
                stages.Add(new DockerfileStage(baseImage!, stageName, instructions));
            }
        }

        foreach (var (keyword, raw) in Instructions(text))
        {
            if (keyword == "FROM")
            {
                CloseStage();
                var words = Expand(raw, globalArgs).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                baseImage = words[0];
                stageName = words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                scope = new Dictionary<string, string>(StringComparer.Ordinal);
                instructions = [];
                continue;
            }

            if (keyword == "ARG")
            {
                var (name, declaredDefault) = SplitAssignment(raw.Trim());
                var value = buildArgs.TryGetValue(name, out var given) ? given
                    : declaredDefault is not null ? Expand(declaredDefault, scope ?? globalArgs)
                    : scope is not null && globalArgs.TryGetValue(name, out var global) ? global
                    : null;
                if (value is not null)
                {
                    (scope ?? globalArgs)[name] = value;
                }
            }

            if (scope is null || instructions is null)
            {
                continue;
            }

            var expanded = Expand(raw, scope);
            if (keyword == "ENV")
            {
                foreach (var (name, value) in EnvAssignments(expanded))
                {
                    scope[name] = value;
                }
            }

            instructions.Add(new DockerfileInstruction(keyword, expanded));
        }

        CloseStage();
        return new Dockerfile(stages);
    }

    /// <summary>Instructions with line continuations joined and comment lines dropped.</summary>
    private static IEnumerable<(string Keyword, string Arguments)> Instructions(string text)
    {
        var current = new StringBuilder();
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith('#') || (trimmed.Length == 0 && current.Length == 0))
            {
                continue;
            }

            if (trimmed.EndsWith('\\'))
            {
                current.Append(trimmed[..^1]).Append(' ');
                continue;
            }

            current.Append(trimmed);
            var instruction = current.ToString().Trim();
            current.Clear();
            if (instruction.Length == 0)
            {
                continue;
            }

            var space = instruction.IndexOfAny([' ', '\t']);
            yield return space < 0
                ? (instruction.ToUpperInvariant(), "")
                : (instruction[..space].ToUpperInvariant(), instruction[(space + 1)..].Trim());
        }
    }

    private static (string Name, string? Value) SplitAssignment(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (text, null) : (text[..equals], Unquote(text[(equals + 1)..]));
    }

    /// <summary><c>ENV A=1 B="two"</c> or the legacy <c>ENV A 1</c>.</summary>
    internal static IEnumerable<(string Name, string Value)> EnvAssignments(string arguments)
    {
        if (!arguments.Split(' ', 2)[0].Contains('=', StringComparison.Ordinal))
        {
            var parts = arguments.Split(' ', 2, StringSplitOptions.TrimEntries);
            yield return (parts[0], parts.Length > 1 ? parts[1] : "");
            yield break;
        }

        foreach (Match m in EnvPair().Matches(arguments))
        {
            yield return (m.Groups["name"].Value, Unquote(m.Groups["value"].Value));
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    private static string Expand(string text, IReadOnlyDictionary<string, string> variables) =>
        VariableReference().Replace(text, m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["bare"].Value;
            if (variables.TryGetValue(name, out var value) && value.Length > 0)
            {
                return value;
            }

            return m.Groups["default"].Success ? m.Groups["default"].Value : m.Value;
        });

    [GeneratedRegex(@"\$\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)(?::-(?<default>[^}]*))?\}|\$(?<bare>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariableReference();

    [GeneratedRegex("""(?<name>[A-Za-z_][A-Za-z0-9_.]*)=(?<value>"[^"]*"|'[^']*'|\S*)""")]
    private static partial Regex EnvPair();
}

internal sealed record DockerfileStage(string BaseImage, string? Name, IReadOnlyList<DockerfileInstruction> Instructions)
{
    public IEnumerable<string> Arguments(string keyword) =>
        Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    /// <summary>The value the stage's ENV instructions give <paramref name="name"/> last; null when none sets it.</summary>
    public string? EnvironmentValue(string name) =>
        Arguments("ENV").SelectMany(Dockerfile.EnvAssignments).LastOrDefault(a => a.Name == name).Value;

    /// <summary>Sources of COPY/ADD from the build context (not <c>--from</c> another stage), as written.</summary>
    public IEnumerable<string> ContextSources() =>
        Instructions
            .Where(i => i.Keyword is "COPY" or "ADD")
            .Select(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => !words.Any(w => w.StartsWith("--from", StringComparison.Ordinal)))
            .SelectMany(words => words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).SkipLast(1));
}

internal sealed record DockerfileInstruction(string Keyword, string Arguments);

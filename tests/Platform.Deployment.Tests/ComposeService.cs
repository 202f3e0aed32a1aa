using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Deployment.Tests;

/// <summary>One entry under <c>services:</c>, in either of the syntaxes compose accepts for each key.</summary>
internal sealed partial class ComposeService(string name, Dictionary<object, object> definition, string composeDirectory)
{
    public string Name => name;

    public string? Image => Scalar(definition, "image");

    public IReadOnlyDictionary<string, string> Environment => KeyValues(definition.GetValueOrDefault("environment"));

    /// <summary>The environment as written in the file, before variable substitution.</summary>
    public IReadOnlyDictionary<string, string> RawEnvironment => KeyValues(definition.GetValueOrDefault("environment"), v => v?.ToString() ?? "");

    /// <summary>The environment compose gives the container when <paramref name="variables"/> are set (e.g. from .env).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentWith(IReadOnlyDictionary<string, string> variables) =>
        KeyValues(definition.GetValueOrDefault("environment"), v => ComposeVariables.With(v?.ToString() ?? "", variables));

    public IReadOnlyList<PortMapping> Ports =>
        (definition.GetValueOrDefault("ports") as List<object> ?? []).Select(PortMapping.Parse).ToList();

    public IReadOnlyList<string> Volumes =>
        (definition.GetValueOrDefault("volumes") as List<object> ?? [])
            .Select(v => v is Dictionary<object, object> m ? $"{Scalar(m, "source")}:{Scalar(m, "target")}" : Text(v))
            .ToList();

    /// <summary>The health check command as compose runs it, or null when there is none (or it is disabled).</summary>
    public IReadOnlyList<string>? HealthCheck
    {
        get
        {
            if (definition.GetValueOrDefault("healthcheck") is not Dictionary<object, object> check
                || Scalar(check, "disable") == "true")
            {
                return null;
            }

            return check.GetValueOrDefault("test") switch
            {
                List<object> list => list.Select(Text).ToList(),
                string shell => ["CMD-SHELL", ComposeVariables.WithDefaults(shell)],
                _ => null,
            };
        }
    }

    /// <summary>Service name to condition; the short (list) form means <c>service_started</c>.</summary>
    public IReadOnlyDictionary<string, string> DependsOn =>
        definition.GetValueOrDefault("depends_on") switch
        {
            List<object> list => list.ToDictionary(Text, _ => "service_started", StringComparer.Ordinal),
            Dictionary<object, object> map => map.ToDictionary(
                kv => (string)kv.Key,
                kv => (kv.Value is Dictionary<object, object> d ? Scalar(d, "condition") : null) ?? "service_started",
                StringComparer.Ordinal),
            _ => new Dictionary<string, string>(StringComparer.Ordinal),
        };

    public BuildSpec? Build =>
        definition.GetValueOrDefault("build") switch
        {
            string context => new BuildSpec(Path.GetFullPath(ComposeVariables.WithDefaults(context), composeDirectory), "Dockerfile",
                new Dictionary<string, string>(StringComparer.Ordinal)),
            Dictionary<object, object> build => new BuildSpec(
                Path.GetFullPath(Scalar(build, "context") ?? ".", composeDirectory),
                Scalar(build, "dockerfile") ?? "Dockerfile",
                KeyValues(build.GetValueOrDefault("args"))),
            _ => null,
        };

    public TimeSpan? StopGracePeriod => Scalar(definition, "stop_grace_period") is { } text ? ParseDuration(text) : null;

    private static string? Scalar(Dictionary<object, object> map, string key) =>
        map.TryGetValue(key, out var value) && value is not null ? Text(value) : null;

    private static string Text(object? value) => ComposeVariables.WithDefaults(value?.ToString() ?? "");

    /// <summary><c>KEY: value</c> mapping or <c>- KEY=value</c> list.</summary>
    private static Dictionary<string, string> KeyValues(object? node, Func<object?, string>? text = null)
    {
        text ??= Text;
        return node switch
        {
            Dictionary<object, object> map => map.ToDictionary(kv => (string)kv.Key, kv => text(kv.Value), StringComparer.Ordinal),
            List<object> list => list.Select(text)
                .Select(item => item.Split('=', 2))
                .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "", StringComparer.Ordinal),
            _ => new Dictionary<string, string>(StringComparer.Ordinal),
        };
    }

    /// <summary>Compose durations: <c>1m30s</c>, <c>35s</c>, <c>500ms</c>.</summary>
    private static TimeSpan ParseDuration(string text)
    {
        var total = TimeSpan.Zero;
        var parts = DurationPart().Matches(text);
        if (parts.Sum(p => p.Length) != text.Length || parts.Count == 0)
        {
            throw new FormatException($"'{text}' is not a compose duration.");
        }

        foreach (Match part in parts)
        {
            var amount = double.Parse(part.Groups["n"].Value, CultureInfo.InvariantCulture);
            total += part.Groups["unit"].Value switch
            {
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "ms" => TimeSpan.FromMilliseconds(amount),
                _ => TimeSpan.FromMicroseconds(amount),
            };
        }

        return total;
    }

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)(?<unit>ms|us|h|m|s)")]
    private static partial Regex DurationPart();
}

internal sealed record BuildSpec(string Context, string Dockerfile, IReadOnlyDictionary<string, string> Args)
{
    public string DockerfilePath => Path.GetFullPath(Dockerfile, Context);
}

/// <summary>A <c>ports:</c> entry: <c>"8081:8080"</c>, <c>"127.0.0.1:8081:8080/tcp"</c>, <c>"8080"</c> or the long form.</summary>
internal sealed record PortMapping(int? Published, int Target)
{
    public static PortMapping Parse(object entry)
    {
        if (entry is Dictionary<object, object> longForm)
        {
            return new PortMapping(
                longForm.TryGetValue("published", out var published) ? int.Parse(published.ToString()!, CultureInfo.InvariantCulture) : null,
                int.Parse(longForm["target"].ToString()!, CultureInfo.InvariantCulture));
        }

        var text = ComposeVariables.WithDefaults(entry.ToString()!).Split('/')[0];
        var parts = text.Split(':');
        return parts.Length == 1
            ? new PortMapping(null, int.Parse(parts[0], CultureInfo.InvariantCulture))
            : new PortMapping(int.Parse(parts[^2], CultureInfo.InvariantCulture), int.Parse(parts[^1], CultureInfo.InvariantCulture));
    }
}

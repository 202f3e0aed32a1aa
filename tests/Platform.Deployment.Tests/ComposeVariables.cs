using System.Text.RegularExpressions;

namespace Platform.Deployment.Tests;

/// <summary>Compose's variable substitution: with every variable unset (what a checkout without a .env file gets), or with given values.</summary>
internal static partial class ComposeVariables
{
    public static string WithDefaults(string value) => With(value, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>
    /// <paramref name="value"/> with <paramref name="variables"/> substituted; a required variable (<c>${X:?message}</c>)
    /// that is unset or empty becomes "", where compose would refuse to run.
    /// </summary>
    public static string With(string value, IReadOnlyDictionary<string, string> variables) =>
        Reference().Replace(value, m =>
        {
            if (m.Value == "$$")
            {
                return "$";
            }

            var name = m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["bare"].Value;
            var set = variables.TryGetValue(name, out var v);
            var useDefault = m.Groups["op"].Value.StartsWith(':') ? string.IsNullOrEmpty(v) : !set;
            return m.Groups["default"].Success && useDefault ? m.Groups["default"].Value : v ?? "";
        });

    /// <summary>The variable a value consists of, e.g. <c>${AUTH_SIGNING_KEY:?run …}</c>; null when it is anything else.</summary>
    public static VariableReference? WholeReference(string value)
    {
        var m = Reference().Match(value);
        if (!m.Success || m.Length != value.Length || !m.Groups["name"].Success)
        {
            return null;
        }

        return new VariableReference(
            m.Groups["name"].Value,
            m.Groups["default"].Success ? m.Groups["default"].Value : null,
            m.Groups["message"].Success ? m.Groups["message"].Value : null);
    }

    [GeneratedRegex(@"\$\$|\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?-)(?<default>[^}]*)|(?<op>:?\?)(?<message>[^}]*))?\}|\$(?<bare>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Reference();
}

/// <param name="Default">The value when the variable is unset (<c>${X:-default}</c>); null when there is none.</param>
/// <param name="RequiredMessage">Compose's error when the variable is unset (<c>${X:?message}</c>); null when it is optional.</param>
internal sealed record VariableReference(string Name, string? Default, string? RequiredMessage)
{
    public bool IsRequired => RequiredMessage is not null;
}

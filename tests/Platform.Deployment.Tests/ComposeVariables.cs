using System.Text.RegularExpressions;

namespace Platform.Deployment.Tests;

/// <summary>Compose's variable substitution, with every variable unset: what a checkout without a .env file gets.</summary>
internal static partial class ComposeVariables
{
    public static string WithDefaults(string value) =>
        Reference().Replace(value, m => m.Value == "$$" ? "$" : m.Groups["default"].Success ? m.Groups["default"].Value : "");

    [GeneratedRegex(@"\$\$|\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-(?<default>[^}]*)|:?\?[^}]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Reference();
}

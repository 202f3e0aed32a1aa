using Platform.Directory.Escaping;

namespace Platform.Directory.Settings;

/// <summary>Fills <see cref="DirectorySettings.UserBindTemplate"/> with a login, safely.</summary>
internal static class LoginTemplate
{
    public const string Placeholder = "{login}";

    // Characters that would let a login change the meaning of a user@domain or DOMAIN\user bind name.
    private static readonly char[] UnsafeInNames = ['@', '\\', '/', ',', '=', '+', '<', '>', ';', '"', '#', '(', ')', '*'];

    public static bool IsDn(string template) => template.Contains('=', StringComparison.Ordinal);

    /// <summary>The bind name for <paramref name="login"/>, or null when the login cannot be placed safely.</summary>
    public static string? Fill(string template, string login)
    {
        if (IsDn(template))
        {
            return template.Replace(Placeholder, LdapDn.EscapeValue(login), StringComparison.Ordinal);
        }

        return login.IndexOfAny(UnsafeInNames) >= 0 || login.Any(char.IsControl)
            ? null
            : template.Replace(Placeholder, login, StringComparison.Ordinal);
    }
}

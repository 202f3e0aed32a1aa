using Platform.Directory.Escaping;

namespace Platform.Directory.Settings;

/// <summary>Fills <see cref="DirectorySettings.UserBindTemplate"/> with a login, safely.</summary>
internal static class LoginTemplate
{
    public const string Placeholder = "{login}";

    // Characters that would let a login change the meaning of a user@domain or DOMAIN\user bind name.
    private static readonly char[] UnsafeInNames = ['@', '\\', '/', ',', '=', '+', '<', '>', ';', '"', '#', '(', ')', '*'];

    public static bool IsDn(string template) => template.Contains('=', StringComparison.Ordinal);

    /// <summary>{login} alone: Active Directory's UPN bind, where the login is a whole <c>user@suffix</c>.</summary>
    public static bool IsUpnBind(string? template) => template == Placeholder;

    /// <summary>The bind name for <paramref name="login"/>, or null when the login cannot be placed safely.</summary>
    public static string? Fill(string template, string login)
    {
        if (IsDn(template))
        {
            return template.Replace(Placeholder, LdapDn.EscapeValue(login), StringComparison.Ordinal);
        }

        var safe = IsUpnBind(template) ? IsSafeUpn(login) : IsSafeName(login);
        return safe ? template.Replace(Placeholder, login, StringComparison.Ordinal) : null;
    }

    private static bool IsSafeName(string name) => name.Length > 0 && name.IndexOfAny(UnsafeInNames) < 0 && !name.Any(char.IsControl);

    /// <summary>Exactly one '@', between a safe name and a DNS name: nothing else a UPN needs, nothing that names another account.</summary>
    private static bool IsSafeUpn(string login)
    {
        var at = login.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var suffix = login[(at + 1)..];
        return IsSafeName(login[..at]) && IsSafeName(suffix) && Uri.CheckHostName(suffix) == UriHostNameType.Dns;
    }
}

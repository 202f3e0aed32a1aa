using Platform.Directory.Settings;

namespace Platform.Auth.Login;

/// <summary>What the user's address becomes in the directory: the whole address, or its local part.</summary>
public static class DirectoryLogins
{
    private static readonly string[] AddressAttributes = ["mail", "userPrincipalName"];

    /// <summary>
    /// With a service account the login is searched by the domain's login attribute: <c>mail</c> and
    /// <c>userPrincipalName</c> hold whole addresses, <c>uid</c>, <c>sAMAccountName</c> and <c>cn</c> local parts.
    /// Without one the bind template decides: <c>{login}</c> alone (Active Directory's UPN bind) or an address
    /// attribute in a DN takes the address; anything else (<c>uid={login},…</c>, <c>{login}@corp.local</c>,
    /// <c>CORP\{login}</c>) the local part.
    /// </summary>
    public static string For(DirectorySettings settings, string address)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var local = address[..address.LastIndexOf('@')];
        if (settings.HasServiceAccount)
        {
            return AddressAttributes.Contains(settings.LoginAttribute, StringComparer.OrdinalIgnoreCase) ? address : local;
        }

        var template = settings.UserBindTemplate ?? string.Empty;
        return template == "{login}" || AddressAttributes.Any(a => template.Contains(a + "={login}", StringComparison.OrdinalIgnoreCase)) ? address : local;
    }
}

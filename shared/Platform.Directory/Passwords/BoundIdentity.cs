using System.DirectoryServices.Protocols;
using System.Text;
using Platform.Directory.Escaping;
using Platform.Directory.Failures;

namespace Platform.Directory.Passwords;

/// <summary>
/// Who a connection acts as after a user bind that succeeded. A server may let a bind "succeed" as nobody
/// (an unauthenticated bind, AD's default and OpenLDAP's <c>allow bind_anon_dn</c>/<c>bind_anon_cred</c>): a password
/// counts as verified only when the connection is then somebody, and, when the server names a DN, the DN bound.
/// </summary>
internal static class BoundIdentity
{
    /// <summary>LDAP "Who am I?" (RFC 4532); OpenLDAP and Active Directory answer it, Samba does not.</summary>
    public const string WhoAmIOid = "1.3.6.1.4.1.4203.1.11.3";

    private const int ProtocolError = 2;

    /// <summary>Asks on <paramref name="connection"/>, just bound as <paramref name="bindName"/>; blocking, like every call into libldap.</summary>
    public static bool Confirm(LdapConnection connection, string bindName, string baseDn)
    {
        string authorizationId;
        try
        {
            var response = (ExtendedResponse)connection.SendRequest(new ExtendedRequest(WhoAmIOid));
            authorizationId = response.ResponseValue is { Length: > 0 } value ? Encoding.UTF8.GetString(value) : "";
        }
        catch (DirectoryOperationException e) when (LdapErrors.Read(e).Code == ProtocolError)
        {
            // "Extended operation not supported" (Samba): read as the identity instead; Samba, like AD, lets an
            // anonymous connection read nothing but the root DSE (operationsError).
            return ReadsAnEntry(connection, LdapDn.IsValid(bindName) ? bindName : baseDn);
        }

        return Confirms(authorizationId, bindName);
    }

    /// <summary>
    /// Whether the authorization id a server answered (RFC 4513 §5.2.1.8: <c>dn:…</c>, <c>u:…</c>, or empty for
    /// anonymous) is the user bound: never anonymous; for a DN bind name, that DN (attribute names and values compared
    /// without regard to case); a user name (<c>u:CORP\jdoe</c> for a UPN bind) is the server's own mapping.
    /// </summary>
    public static bool Confirms(string? authorizationId, string bindName)
    {
        if (string.IsNullOrWhiteSpace(authorizationId) || authorizationId.Trim() is "dn:" or "u:")
        {
            return false;
        }

        if (!authorizationId.StartsWith("dn:", StringComparison.OrdinalIgnoreCase) || LdapDn.Parse(bindName) is not { } bound)
        {
            return true;
        }

        return LdapDn.Parse(authorizationId[3..]) is { } named
            && named.Count == bound.Count
            && named.Zip(bound).All(p => string.Equals(p.First.Attribute, p.Second.Attribute, StringComparison.OrdinalIgnoreCase)
                && string.Equals(Unescape(p.First.Value), Unescape(p.Second.Value), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>An RDN value without its RFC 4514 escapes: servers answer <c>\2C</c> where the DN bound had <c>\,</c>.</summary>
    private static string Unescape(string value)
    {
        // Hex escapes are UTF-8 bytes (maybe several for one character): decode them together, the rest as it is.
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
                continue;
            }

            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }

            var length = char.IsHighSurrogate(value[i]) && i + 1 < value.Length ? 2 : 1;
            bytes.AddRange(Encoding.UTF8.GetBytes(value.Substring(i, length)));
            i += length - 1;
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool ReadsAnEntry(LdapConnection connection, string dn)
    {
        try
        {
            var response = (SearchResponse)connection.SendRequest(new SearchRequest(dn, "(objectClass=*)", SearchScope.Base, "1.1"));
            return response.Entries.Count > 0;
        }
        catch (DirectoryOperationException e) when (LdapErrors.Read(e).Code is 1 or 32 or 50)
        {
            // operationsError (AD, Samba: "unavailable without authentication"), noSuchObject, insufficientAccessRights.
            return false;
        }
    }
}

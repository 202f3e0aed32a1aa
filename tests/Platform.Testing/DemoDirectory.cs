using System.Globalization;
using System.Text.Json.Nodes;

namespace Platform.Testing;

/// <summary>
/// The local OpenLDAP's demo directory (<c>dc=example,dc=com</c>, the users of infra/ldap/demo.ldif, mail domain
/// example.com): read by the platform through its read-only service account, never changed.
/// </summary>
public static class DemoDirectory
{
    public const string Domain = "example.com";

    public static string UserPassword => Infrastructure.Get("Ldap:DemoUserPassword");

    /// <summary>
    /// The body of <c>PUT /v1/domains/example.com/directory</c>: StartTLS with the local CA, the service account,
    /// the people container, disabled accounts by the ACCOUNTDISABLE bit (dave), no automatic sync.
    /// </summary>
    public static JsonObject Settings() => new()
    {
        ["kind"] = "openLdap",
        ["host"] = "127.0.0.1",
        ["port"] = int.Parse(Infrastructure.Get("Ldap:Port"), CultureInfo.InvariantCulture),
        ["security"] = "starttls",
        ["caCertificatePem"] = File.ReadAllText(Infrastructure.Get("Ldap:CaCertificatePath")),
        ["bindDn"] = Infrastructure.Get("Ldap:DemoServiceDn"),
        ["bindPassword"] = Infrastructure.Get("Ldap:DemoServicePassword"),
        ["baseDn"] = "ou=people," + Infrastructure.Get("Ldap:DemoBaseDn"),
        ["automaticSync"] = false,
        ["attributes"] = new JsonObject { ["disabledRule"] = "accountControlFlag" },
    };
}

using Platform.ServiceDefaults.Http;

namespace Platform.DirectorySync.Settings;

/// <summary>
/// Whether a domain may save <c>security: none</c>: its users' passwords would cross the network unencrypted at every
/// login. Refused in Production unless the operator allows it (<c>Directory__AllowPlainLdap=true</c>).
/// </summary>
public sealed class PlainLdapPolicy(IHostEnvironment environment, IConfiguration configuration)
{
    public const string Setting = "Directory:AllowPlainLdap";

    public bool Allowed => Allows(environment.IsProduction(), configuration.GetValue<bool>(Setting));

    /// <summary>Pure: plain LDAP outside Production, or where the operator allowed it.</summary>
    public static bool Allows(bool production, bool allowedByOperator) => !production || allowedByOperator;

    /// <summary>The field error for settings that need plain LDAP where it is not allowed; null when they may be saved.</summary>
    public FieldProblem? Refusal(SavedSettings settings) => settings.Security == "none" && !Allowed
        ? new FieldProblem("security", DirectorySettingsFieldCodes.PlainLdapNotAllowed,
            "This platform does not connect to directories without encryption: users' passwords would cross the network in clear text. Choose starttls or ldaps.")
        : null;
}

namespace Platform.Directory.Failures;

/// <summary>
/// The names of a <see cref="DirectoryFailure"/>'s <see cref="DirectoryFailure.Values"/> and of a connection test step's
/// (<c>ConnectionTestStep.Values</c>): what their words name, as data. A value is present only where it is known.
/// </summary>
public static class DirectoryFailureValues
{
    /// <summary>The host tried, as the admin entered it.</summary>
    public const string Host = "host";

    /// <summary>The port tried.</summary>
    public const string Port = "port";

    /// <summary><c>host:port</c> (<c>[v6]:port</c>).</summary>
    public const string Endpoint = "endpoint";

    /// <summary>An address the host resolved to: one the platform may not connect to, or (a step) the one it connected to.</summary>
    public const string Address = "address";

    /// <summary>A step: every address the host resolved to, comma-separated.</summary>
    public const string Addresses = "addresses";

    /// <summary>A step: the TLS protocol, e.g. <c>Tls13</c>.</summary>
    public const string Protocol = "protocol";

    /// <summary>A step: how many users with an address the search found, and how many entries it could not use.</summary>
    public const string Users = "users";

    public const string Unusable = "unusable";

    /// <summary>The platform's outgoing addresses, comma-separated, where a firewall must allow them (absent when unknown).</summary>
    public const string OutgoingAddresses = "outgoingAddresses";

    /// <summary>The time waited, in seconds.</summary>
    public const string Seconds = "seconds";

    public const string BindDn = "bindDn";

    public const string BaseDn = "baseDn";

    /// <summary>The LDAP filter searched with.</summary>
    public const string Filter = "filter";

    /// <summary>The LDAP result code (a number) and its name, e.g. <c>unwillingToPerform</c>.</summary>
    public const string ResultCode = "resultCode";

    public const string ResultName = "resultName";

    /// <summary>What the server said, in its own words (absent when it said nothing).</summary>
    public const string ServerMessage = "serverMessage";

    /// <summary>The certificate's subject and issuer.</summary>
    public const string Subject = "subject";

    public const string Issuer = "issuer";

    /// <summary>The certificate's validity, UTC, as <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public const string ValidFrom = "validFrom";

    public const string ValidUntil = "validUntil";

    /// <summary>The names the certificate lists, comma-separated.</summary>
    public const string CertificateNames = "certificateNames";

    /// <summary>Whom the chain should lead to: <c>settings</c> (the CA in the settings) or <c>public</c> (a public CA).</summary>
    public const string TrustedBy = "trustedBy";
}

namespace Platform.Directory.Failures;

/// <summary>The stable codes of <see cref="DirectoryFailure"/>; APIs and the admin UI key on them, so they never change.</summary>
public static class DirectoryFailureCodes
{
    /// <summary>
    /// The host is, or resolves to, an address the platform does not connect to on a domain's behalf (loopback,
    /// link-local, private networks, the platform's own endpoints); nothing was sent to it.
    /// </summary>
    public const string DestinationNotAllowed = "destination_not_allowed";

    /// <summary>The host name does not resolve.</summary>
    public const string DnsFailure = "dns_failure";

    /// <summary>Nothing listens on the port (or a firewall rejects the connection).</summary>
    public const string ConnectionRefused = "connection_refused";

    /// <summary>No answer in time: the host is unreachable, a firewall drops packets, or the server hangs.</summary>
    public const string Timeout = "timeout";

    /// <summary>The certificate is not trusted, does not name the host, has expired, or StartTLS is not offered.</summary>
    public const string TlsFailure = "tls_failure";

    /// <summary>The server accepted the connection but speaks another protocol (LDAPS on an LDAP port, or the reverse).</summary>
    public const string ProtocolMismatch = "protocol_mismatch";

    /// <summary>The server refuses a simple bind without encryption (LDAP result 8 or 13).</summary>
    public const string StrongAuthRequired = "strong_auth_required";

    /// <summary>The service account's DN or password was rejected (LDAP result 49 on the service bind).</summary>
    public const string InvalidServiceCredentials = "invalid_service_credentials";

    /// <summary>The base DN does not exist, is outside this directory, or cannot be read by the service account.</summary>
    public const string BaseDnNotFound = "base_dn_not_found";

    /// <summary>The search succeeded but found no user with an address.</summary>
    public const string NoUsersFound = "no_users_found";

    /// <summary>Any other error the directory reported; the message carries its result code and text.</summary>
    public const string DirectoryError = "directory_error";
}

namespace Platform.Directory.Failures;

/// <summary>
/// The stable reasons of a <see cref="DirectoryFailure"/> (<see cref="DirectoryFailure.Reason"/>): which case of its
/// code it is, where the cases need different words. Clients key on them, so they never change.
/// </summary>
public static class DirectoryFailureReasons
{
    /// <summary><c>timeout</c>: no answer within the time the platform waited (<c>seconds</c>).</summary>
    public const string NoAnswerWithin = "no_answer_within";

    /// <summary><c>tls_failure</c>: the certificate is outside its validity (<c>validFrom</c>, <c>validUntil</c>).</summary>
    public const string CertificateExpired = "certificate_expired";

    /// <summary><c>tls_failure</c>: the certificate was issued by <c>issuer</c>, not by a trusted CA (<c>trustedBy</c>: <c>settings</c> or <c>public</c>).</summary>
    public const string CertificateUntrusted = "certificate_untrusted";

    /// <summary><c>tls_failure</c>: the certificate's chain is not valid for another reason (revoked, wrong usage, …).</summary>
    public const string CertificateInvalid = "certificate_invalid";

    /// <summary><c>tls_failure</c>: the certificate names <c>certificateNames</c>, not <c>host</c>.</summary>
    public const string CertificateNameMismatch = "certificate_name_mismatch";

    /// <summary><c>tls_failure</c>: the server presented no certificate.</summary>
    public const string NoCertificate = "no_certificate";

    /// <summary><c>tls_failure</c>: the server answered the StartTLS request with an error (<c>resultName</c>).</summary>
    public const string StartTlsNotOffered = "starttls_not_offered";

    /// <summary><c>tls_failure</c>: the TLS handshake itself failed.</summary>
    public const string HandshakeFailed = "handshake_failed";

    /// <summary><c>protocol_mismatch</c>: security is none but the port speaks TLS from the first byte (an LDAPS port).</summary>
    public const string TlsPortWithoutTls = "tls_port_without_tls";

    /// <summary><c>protocol_mismatch</c>: security is LDAPS but the port completes no TLS handshake (a plain LDAP port).</summary>
    public const string LdapsOnPlainPort = "ldaps_on_plain_port";

    /// <summary><c>protocol_mismatch</c>: security is StartTLS but the port does not answer like an LDAP server (an LDAPS port).</summary>
    public const string StartTlsOnLdapsPort = "starttls_on_ldaps_port";

    /// <summary><c>base_dn_not_found</c>: the server answered with a referral: the DN is outside its naming contexts.</summary>
    public const string Referral = "referral";

    /// <summary><c>base_dn_not_found</c>: the base DN is not a valid DN.</summary>
    public const string InvalidDnSyntax = "invalid_dn_syntax";

    /// <summary><c>directory_error</c>: change tracking is usnChanged but the server publishes no highestCommittedUSN.</summary>
    public const string NoHighestCommittedUsn = "no_highest_committed_usn";
}

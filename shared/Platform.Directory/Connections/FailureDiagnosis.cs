using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Platform.Directory.Egress;
using Platform.Directory.Failures;

namespace Platform.Directory.Connections;

/// <summary>Turns whatever an LDAP call threw into a <see cref="DirectoryFailureException"/> an admin can act on.</summary>
internal static class FailureDiagnosis
{
    public static async Task<DirectoryFailureException> ClassifyAsync(
        Exception exception, FailureStage stage, FailureContext context, X509Certificate2Collection? trustedCas, TimeProvider time,
        EgressPolicy egress, CancellationToken cancellationToken)
    {
        if (exception is DirectoryFailureException classified)
        {
            return classified;
        }

        if (exception is TimeoutException)
        {
            // Our guard fired before libldap gave up: typically a TLS handshake with a server that never answers.
            var seconds = (context.ConnectTimeout + context.OperationTimeout).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            return new DirectoryFailureException(Failures.Failures.Timeout(context, $"within {seconds} s", context.ConnectTimeout + context.OperationTimeout), exception);
        }

        if (exception is TlsOperationException { Response: { } refused })
        {
            return new DirectoryFailureException(Failures.Failures.Tls(
                context,
                $"{context.Endpoint} does not offer StartTLS (it answered {LdapErrors.Describe((int)refused.ResultCode)}): the server has no certificate configured, or StartTLS is disabled.",
                DirectoryFailureReasons.StartTlsNotOffered, (DirectoryFailureValues.ResultName, LdapErrors.Describe((int)refused.ResultCode))),
                exception);
        }

        var (code, serverMessage) = LdapErrors.Read(exception);
        if (ResultCodeClassification.NeedsDiagnosis(code))
        {
            // libldap says only "server down" or "connect error": look at the connection ourselves.
            var probe = new ConnectionProbe(context, trustedCas, time, egress);
            if (await probe.DiagnoseAsync(cancellationToken) is { } diagnosed)
            {
                return new DirectoryFailureException(diagnosed, exception);
            }
        }

        return new DirectoryFailureException(ResultCodeClassification.Classify(code, stage, context, serverMessage), exception);
    }

    /// <summary>Whether the failure means the host could not be reached at all, so that a failover host is worth trying.</summary>
    public static bool IsUnreachable(DirectoryFailureException exception) =>
        exception.Code is DirectoryFailureCodes.DnsFailure or DirectoryFailureCodes.ConnectionRefused or DirectoryFailureCodes.Timeout;

    /// <summary>Whether an exception from an operation on an open connection means the connection is unusable.</summary>
    public static bool IsConnectionLost(Exception exception) => exception is TimeoutException || IsConnectionClosed(exception);

    /// <summary>Whether libldap found the connection closed (as a server does with connections idle too long).</summary>
    public static bool IsConnectionClosed(Exception exception) =>
        exception is LdapException e && ResultCodeClassification.NeedsDiagnosis(e.ErrorCode);
}

using System.Globalization;
using Platform.Directory.Settings;

namespace Platform.Directory.Failures;

/// <summary>Maps an LDAP result code, in the stage it occurred, to a classified failure.</summary>
internal static class ResultCodeClassification
{
    /// <summary>
    /// Codes libldap reports for a connection that failed without the server saying why (refused, unresolvable,
    /// TLS handshake failed, closed by the peer): only probing the connection tells these apart.
    /// </summary>
    public static bool NeedsDiagnosis(int code) => code is LdapErrors.ServerDown or LdapErrors.ConnectError or LdapErrors.LocalError;

    public static DirectoryFailure Classify(int code, FailureStage stage, FailureContext context, string? serverMessage = null)
    {
        var seconds = (stage == FailureStage.Connect ? context.ConnectTimeout : context.OperationTimeout)
            .TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        return code switch
        {
            // strongerAuthRequired (AD, Samba) and confidentialityRequired (OpenLDAP's "security simple_bind=")
            // have the same remedy: encrypt the connection.
            8 or 13 => Failures.StrongAuthRequired(context),
            49 when stage == FailureStage.ServiceBind => Failures.ServiceCredentials(context, serverMessage),
            32 when stage is FailureStage.BaseDn or FailureStage.Search => Failures.BaseDnNotFound(context),
            10 when stage is FailureStage.BaseDn or FailureStage.Search =>
                Failures.BaseDnNotFound(context, "the server answered with a referral: the DN is outside its naming contexts", DirectoryFailureReasons.Referral),
            34 when stage is FailureStage.BaseDn or FailureStage.Search => Failures.BaseDnNotFound(context, "invalid DN syntax", DirectoryFailureReasons.InvalidDnSyntax),
            3 or LdapErrors.ClientTimeout => Failures.Timeout(context, $"within {seconds} s",
                stage == FailureStage.Connect ? context.ConnectTimeout : context.OperationTimeout),
            LdapErrors.ServerDown => Failures.Refused(context),
            LdapErrors.ConnectError or LdapErrors.LocalError when context.Security != DirectorySecurity.None =>
                Failures.Tls(context, $"The TLS connection to {context.Endpoint} could not be established{Said(serverMessage)}.",
                    DirectoryFailureReasons.HandshakeFailed),
            LdapErrors.ConnectError or LdapErrors.LocalError => Failures.Refused(context),
            _ => Failures.DirectoryError(context, code, LdapErrors.Describe(code) + Said(serverMessage), serverMessage),
        };
    }

    private static string Said(string? serverMessage) =>
        string.IsNullOrWhiteSpace(serverMessage) || serverMessage == "(unknown error code)" ? "" : $" ({serverMessage.Trim()})";
}

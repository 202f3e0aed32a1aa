using System.Globalization;
using System.Net;
using Platform.Directory.Settings;

namespace Platform.Directory.Failures;

/// <summary>The classified failures, worded for the admin who configured the domain.</summary>
internal static class Failures
{
    public static DirectoryFailure Dns(FailureContext c, string? detail = null) => Of(c, new(
        DirectoryFailureCodes.DnsFailure,
        $"The host name '{c.Host}' could not be resolved" + (detail is null ? "." : $" ({detail})."),
        "Check the spelling of the host name. The platform looks it up with its own DNS resolver, which sees public DNS "
        + "only (no split-horizon view of your network), so a name that only exists in your internal DNS does not "
        + "resolve: publish it, or enter the server's public IP address."));

    public static DirectoryFailure DestinationNotAllowed(FailureContext c, IPAddress address) => Of(c, new(
        DirectoryFailureCodes.DestinationNotAllowed,
        (IPAddress.TryParse(c.Host, out _) ? $"{c.Endpoint}" : $"'{c.Host}' resolves to {address}, which")
        + " is an address the platform does not connect to: loopback, link-local, private or otherwise internal "
        + "networks and the platform's own services are refused before anything is sent.",
        "Enter the public name or IP address of your directory server (the platform connects over the internet, to "
        + "the addresses the name resolves to at that moment). A server reached only over a VPN or private link "
        + "needs its network allowed by the platform's operator."), values: [(DirectoryFailureValues.Address, address.ToString())]);

    public static DirectoryFailure Refused(FailureContext c) => Of(c, new(
        DirectoryFailureCodes.ConnectionRefused,
        $"{c.Endpoint} refused the connection: nothing is listening on port {c.Port}, or a firewall rejects it.",
        "Check the port (389 for LDAP and StartTLS, 636 for LDAPS) and that the directory service is running on "
        + $"{c.Host}; if a firewall is in front of it, allow the platform's addresses{Addresses(c)}."), addresses: true);

    public static DirectoryFailure Timeout(FailureContext c, string what, TimeSpan? waited = null) => Of(c, new(
        DirectoryFailureCodes.Timeout,
        $"No answer from {c.Endpoint} {what}.",
        $"The host is unreachable or a firewall silently drops the connection. Allow inbound TCP port {c.Port} "
        + $"from the platform's addresses{Addresses(c)} in your firewall, and check that {c.Host} is reachable from "
        + "the internet."), reason: waited is null ? null : DirectoryFailureReasons.NoAnswerWithin, addresses: true,
        values: waited is { } w ? [(DirectoryFailureValues.Seconds, w.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture))] : []);

    public static DirectoryFailure Tls(FailureContext c, string message, string reason, params (string Name, string Value)[] values) => Of(c, new(
        DirectoryFailureCodes.TlsFailure,
        message,
        c.Security == DirectorySecurity.None
            ? "Check the security setting."
            : "Upload the certificate of the CA that issued the server's certificate (PEM) in the directory settings, "
              + "and connect using a name the certificate lists; the certificate must also be valid today."), reason, values: values);

    public static DirectoryFailure ProtocolMismatch(FailureContext c, string message, string hint, string reason) =>
        Of(c, new(DirectoryFailureCodes.ProtocolMismatch, message, hint), reason);

    public static DirectoryFailure StrongAuthRequired(FailureContext c) => Of(c, new(
        DirectoryFailureCodes.StrongAuthRequired,
        $"{c.Endpoint} refuses a simple bind over an unencrypted connection (strong authentication required).",
        "Set security to starttls (port 389) or ldaps (port 636); this also keeps the password off the wire."));

    public static DirectoryFailure ServiceCredentials(FailureContext c, string? serverMessage) => Of(c, new(
        DirectoryFailureCodes.InvalidServiceCredentials,
        $"The directory rejected the service account '{c.BindDn}'" + ServerSaid(serverMessage) + ".",
        "Check the service account's bind DN (or user@domain) and password; the account may also be disabled, "
        + "locked out or have an expired password."),
        values: [(DirectoryFailureValues.BindDn, c.BindDn ?? ""), .. ServerMessage(serverMessage)]);

    public static DirectoryFailure BaseDnNotFound(FailureContext c, string? detail = null, string? reason = null) => Of(c, new(
        DirectoryFailureCodes.BaseDnNotFound,
        $"The base DN '{c.BaseDn}' was not found on {c.Host}" + (detail is null ? "." : $" ({detail})."),
        "Check the base DN (copy the distinguishedName of the OU or domain holding the users), and that the service "
        + "account may read it; a DN outside this directory's naming contexts is not found either."), reason,
        values: [(DirectoryFailureValues.BaseDn, c.BaseDn)]);

    public static DirectoryFailure NoUsersFound(FailureContext c, string filter) => Of(c, new(
        DirectoryFailureCodes.NoUsersFound,
        $"No user with an e-mail address was found under '{c.BaseDn}' with the filter {filter}.",
        "Check the base DN, the extra filter and the directory kind; the service account must be allowed to read the "
        + "users' mail attributes."), values: [(DirectoryFailureValues.BaseDn, c.BaseDn), (DirectoryFailureValues.Filter, filter)]);

    public static DirectoryFailure DirectoryError(FailureContext c, int resultCode, string text, string? serverMessage = null, string? reason = null) => Of(c, new(
        DirectoryFailureCodes.DirectoryError,
        $"{c.Endpoint} answered with LDAP result {resultCode.ToString(CultureInfo.InvariantCulture)}: {text}",
        "Check the directory's logs for this error; if it persists, contact support with this message."), reason,
        values: [(DirectoryFailureValues.ResultCode, resultCode.ToString(CultureInfo.InvariantCulture)),
            (DirectoryFailureValues.ResultName, LdapErrors.Describe(resultCode)), .. ServerMessage(serverMessage)]);

    /// <summary>The failure with its reason and the values its words name: always the host, port and endpoint.</summary>
    private static DirectoryFailure Of(
        FailureContext c, DirectoryFailure failure, string? reason = null, bool addresses = false, (string Name, string Value)[]? values = null)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DirectoryFailureValues.Host] = c.Host,
            [DirectoryFailureValues.Port] = c.Port.ToString(CultureInfo.InvariantCulture),
            [DirectoryFailureValues.Endpoint] = c.Endpoint,
        };
        if (addresses && c.OutgoingAddresses.Count > 0)
        {
            all[DirectoryFailureValues.OutgoingAddresses] = string.Join(", ", c.OutgoingAddresses);
        }

        foreach (var (name, value) in values ?? [])
        {
            all[name] = value;
        }

        return failure with { Reason = reason, Values = all };
    }

    private static (string, string)[] ServerMessage(string? message) =>
        string.IsNullOrWhiteSpace(message) || message == "(unknown error code)" ? [] : [(DirectoryFailureValues.ServerMessage, message.Trim())];

    private static string Addresses(FailureContext c) =>
        c.OutgoingAddresses.Count == 0 ? "" : " (" + string.Join(", ", c.OutgoingAddresses) + ")";

    private static string ServerSaid(string? message) =>
        string.IsNullOrWhiteSpace(message) ? "" : $" (the server said: {message.Trim()})";
}

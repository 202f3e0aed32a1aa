using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Platform.Directory.ConnectionTesting;
using Platform.Directory.Egress;
using Platform.Directory.Failures;
using Platform.Directory.Settings;

namespace Platform.Directory.Connections;

/// <summary>
/// Resolves the host (and checks its addresses against the egress policy before anything is sent), opens a TCP
/// connection to a checked address and performs the TLS handshake with .NET, step by step: for the
/// connection test, and to explain a failure that libldap only reports as "server down" or "connect error". Sends
/// nothing but a StartTLS request; never a credential.
/// </summary>
internal sealed class ConnectionProbe(FailureContext context, X509Certificate2Collection? trustedCas, TimeProvider time, EgressPolicy egress)
{
    // The address the connect step reached (checked by the resolve step), for a second look: never the name again.
    private IPEndPoint? _reached;

    /// <summary>The resolve, connect and tls steps; after a failed step the rest are skipped.</summary>
    public async Task<IReadOnlyList<ConnectionTestStep>> RunAsync(CancellationToken cancellationToken)
    {
        var steps = new List<ConnectionTestStep>();
        var (resolve, addresses) = await ResolveAsync(cancellationToken);
        steps.Add(resolve);
        if (addresses is null)
        {
            steps.Add(ConnectionTestStep.Skipped(ConnectionTestSteps.Connect));
            steps.Add(ConnectionTestStep.Skipped(ConnectionTestSteps.Tls));
            return steps;
        }

        var (connect, socket) = await ConnectAsync(addresses, cancellationToken);
        steps.Add(connect);
        if (socket is null)
        {
            steps.Add(ConnectionTestStep.Skipped(ConnectionTestSteps.Tls));
            return steps;
        }

        using (socket)
        {
            steps.Add(context.Security == DirectorySecurity.None
                ? ConnectionTestStep.Skipped(ConnectionTestSteps.Tls, "security is none: the connection is not encrypted", ConnectionTestDetailCodes.NotEncrypted)
                : await HandshakeAsync(socket, cancellationToken));
        }

        return steps;
    }

    /// <summary>
    /// Why a connection libldap could not establish failed, or null when the probe finds nothing wrong. For a plain
    /// connection it also tries TLS, to recognize an LDAPS port configured as plain LDAP.
    /// </summary>
    public async Task<DirectoryFailure?> DiagnoseAsync(CancellationToken cancellationToken)
    {
        var steps = await RunAsync(cancellationToken);
        if (steps.FirstOrDefault(s => s.Result == StepResult.Failed) is { } failed)
        {
            return failed.Failure;
        }

        if (context.Security == DirectorySecurity.None && _reached is { } reached && await SpeaksTlsAsync(reached, cancellationToken))
        {
            return Failures.Failures.ProtocolMismatch(
                context,
                $"{context.Endpoint} expects TLS from the first byte (an LDAPS port), but security is none.",
                "Set security to ldaps for this port, or use port 389 with starttls or none.",
                DirectoryFailureReasons.TlsPortWithoutTls);
        }

        return null;
    }

    private async Task<(ConnectionTestStep, IReadOnlyList<IPAddress>?)> ResolveAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var (addresses, failure) = await Destinations.ResolveAsync(context, egress, time, cancellationToken);
        if (addresses is null)
        {
            return (Failed(ConnectionTestSteps.Resolve, started, failure!), null);
        }

        var resolved = string.Join(", ", addresses.Select(a => a.ToString()));
        return (IPAddress.TryParse(context.Host, out _)
            ? Ok(ConnectionTestSteps.Resolve, started, "an IP address: nothing to resolve", ConnectionTestDetailCodes.IpAddress)
            : Ok(ConnectionTestSteps.Resolve, started, resolved, ConnectionTestDetailCodes.Resolved, (DirectoryFailureValues.Addresses, resolved)), addresses);
    }

    private async Task<(ConnectionTestStep, Socket?)> ConnectAsync(IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        DirectoryFailure? failure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(context.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.Port), timeout.Token);
                _reached = new IPEndPoint(address, context.Port);
                var connected = new IPEndPoint(address, context.Port).ToString();
                return (Ok(ConnectionTestSteps.Connect, started, $"connected to {connected}", ConnectionTestDetailCodes.Connected,
                    (DirectoryFailureValues.Address, connected)), socket);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure ??= Failures.Failures.Timeout(context, $"within {Seconds(context.ConnectTimeout)} s (TCP connection to {address})", context.ConnectTimeout);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                failure ??= Failures.Failures.Refused(context);
            }
            catch (SocketException e)
            {
                // Unreachable host or network, or a timeout inside the stack: the packets do not get there.
                failure ??= Failures.Failures.Timeout(context, $"({e.Message} for {address})");
            }

            socket.Dispose();
        }

        return (Failed(ConnectionTestSteps.Connect, started, failure!), null);
    }

    private async Task<ConnectionTestStep> HandshakeAsync(Socket socket, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(context.ConnectTimeout);
        var network = new NetworkStream(socket, ownsSocket: false);
        await using (network)
        {
            if (context.Security == DirectorySecurity.StartTls && await StartTlsAsync(network, started, timeout.Token, cancellationToken) is { } refused)
            {
                return refused;
            }

            X509Certificate2? certificate = null;
            var ssl = new SslStream(network, leaveInnerStreamOpen: true, (_, presented, _, _) =>
            {
                // Judged below, with a precise reason, instead of failing the handshake with a generic one.
                certificate = presented is null ? null : new X509Certificate2(presented);
                return true;
            });
            await using (ssl)
            {
                try
                {
                    await ssl.AuthenticateAsClientAsync(
                        new SslClientAuthenticationOptions { TargetHost = IPAddress.TryParse(context.Host, out _) ? "" : context.Host },
                        timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return Failed(ConnectionTestSteps.Tls, started, Failures.Failures.Timeout(
                        context, $"during the TLS handshake within {Seconds(context.ConnectTimeout)} s", context.ConnectTimeout));
                }
                catch (Exception e) when (e is AuthenticationException or IOException)
                {
                    return Failed(ConnectionTestSteps.Tls, started, context.Security == DirectorySecurity.Ldaps
                        ? Failures.Failures.ProtocolMismatch(
                            context,
                            $"{context.Endpoint} did not complete a TLS handshake ({e.Message}); it may be a plain LDAP port.",
                            "LDAPS normally uses port 636; for port 389 choose starttls instead of ldaps.",
                            DirectoryFailureReasons.LdapsOnPlainPort)
                        : Failures.Failures.Tls(context, $"The TLS handshake with {context.Endpoint} after StartTLS failed: {e.Message}",
                            DirectoryFailureReasons.HandshakeFailed));
                }

                using (certificate)
                {
                    if (certificate is null)
                    {
                        return Failed(ConnectionTestSteps.Tls, started, Failures.Failures.Tls(context, $"{context.Endpoint} presented no certificate.", DirectoryFailureReasons.NoCertificate));
                    }

                    var problem = CertificateCheck.Problem(certificate, context.Host, trustedCas, time.GetUtcNow().UtcDateTime);
                    return problem is null
                        ? Ok(ConnectionTestSteps.Tls, started, $"{ssl.SslProtocol}, certificate {certificate.Subject} valid until {certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
                            ConnectionTestDetailCodes.Encrypted, (DirectoryFailureValues.Protocol, ssl.SslProtocol.ToString()),
                            (DirectoryFailureValues.Subject, certificate.Subject),
                            (DirectoryFailureValues.ValidUntil, certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)))
                        : Failed(ConnectionTestSteps.Tls, started, Failures.Failures.Tls(context, problem.Message, problem.Reason, problem.Values));
                }
            }
        }
    }

    private async Task<ConnectionTestStep?> StartTlsAsync(NetworkStream network, long started, CancellationToken timeout, CancellationToken cancellationToken)
    {
        try
        {
            await network.WriteAsync(StartTlsRequest.Encode(), timeout);
            var result = await StartTlsRequest.ReadResultCodeAsync(network, timeout);
            return result == 0
                ? null
                : Failed(ConnectionTestSteps.Tls, started, Failures.Failures.Tls(
                    context, $"{context.Endpoint} does not offer StartTLS (it answered {LdapErrors.Describe(result)}): the server has no certificate configured, or StartTLS is disabled.",
                    DirectoryFailureReasons.StartTlsNotOffered, (DirectoryFailureValues.ResultName, LdapErrors.Describe(result))));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(ConnectionTestSteps.Tls, started, Failures.Failures.Timeout(
                context, $"to the StartTLS request within {Seconds(context.ConnectTimeout)} s", context.ConnectTimeout));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or SocketException)
        {
            return Failed(ConnectionTestSteps.Tls, started, Failures.Failures.ProtocolMismatch(
                context,
                $"{context.Endpoint} did not answer the StartTLS request like an LDAP server; it may be an LDAPS port.",
                "For port 636 choose ldaps; StartTLS is offered on the plain LDAP port 389.",
                DirectoryFailureReasons.StartTlsOnLdapsPort));
        }
    }

    private async Task<bool> SpeaksTlsAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient(endpoint.AddressFamily);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(context.ConnectTimeout);
            await client.ConnectAsync(endpoint, timeout.Token);
            await using var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "" }, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is IOException or AuthenticationException or SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private ConnectionTestStep Ok(string name, long started, string detail, string detailCode, params (string Name, string Value)[] values) =>
        ConnectionTestStep.Passed(name, time.GetElapsedTime(started), detail, detailCode, values);

    private ConnectionTestStep Failed(string name, long started, DirectoryFailure failure) =>
        new(name, StepResult.Failed, time.GetElapsedTime(started), failure);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}

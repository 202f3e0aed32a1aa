using System.DirectoryServices.Protocols;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Platform.Directory.Egress;
using Platform.Directory.Failures;
using Platform.Directory.Settings;

namespace Platform.Directory.Connections;

/// <summary>Opens and binds a connection to a domain's directory, trying the failover host when the first is unreachable.</summary>
internal sealed partial class SessionOpener(TrustedCaStore cas, DirectoryClientOptions options, EgressPolicy egress, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan GuardSlack = TimeSpan.FromSeconds(1);

    public TimeProvider Time => time;

    public EgressPolicy Egress => egress;

    public IReadOnlyList<string> OutgoingAddresses => options.OutgoingAddresses.AsReadOnly();

    /// <summary>
    /// A bound connection to the host, or to the failover host when the first is unreachable. <paramref name="slot"/>
    /// learns of every connection created, so that a slot is only freed once a connection abandoned after a timeout
    /// has really been closed.
    /// </summary>
    public async Task<DirectorySession> OpenAsync(DirectorySettings settings, BindIdentity identity, ConnectionSlot? slot, CancellationToken cancellationToken)
    {
        try
        {
            return await OpenOnAsync(settings, settings.Host, identity, slot, cancellationToken);
        }
        catch (DirectoryFailureException first) when (settings.FailoverHost is { } failover && FailureDiagnosis.IsUnreachable(first))
        {
            LogFailover(logger, settings.Host, first.Code, failover);
            try
            {
                return await OpenOnAsync(settings, failover, identity, slot, cancellationToken);
            }
            catch (DirectoryFailureException second) when (FailureDiagnosis.IsUnreachable(second))
            {
                throw new DirectoryFailureException(
                    first.Failure with { Message = $"{first.Failure.Message} The failover host {failover} failed too ({second.Code})." },
                    first);
            }
        }
    }

    public FailureContext Context(DirectorySettings settings, string host) => FailureContext.For(settings, host, OutgoingAddresses);

    public X509Certificate2Collection? TrustedCas(DirectorySettings settings) =>
        settings.Security != DirectorySecurity.None && settings.CaCertificatePem is { } pem ? TrustedCaStore.Read(pem) : null;

    /// <summary>
    /// Opens a connection to <paramref name="host"/> only (no failover): resolves the name and checks every address
    /// against the egress policy first, then gives libldap those addresses, never the name (it would look it up again).
    /// TLS is still checked against the name the admin entered (<see cref="VerifyCertificate"/>), before any credential
    /// is sent.
    /// </summary>
    public async Task<DirectorySession> OpenOnAsync(
        DirectorySettings settings, string host, BindIdentity identity, ConnectionSlot? slot, CancellationToken cancellationToken)
    {
        var context = Context(settings, host);
        var (addresses, refused) = await Destinations.ResolveAsync(context, egress, time, cancellationToken);
        if (refused is not null)
        {
            NoteRefusal(refused, host, settings.EffectivePort);
            throw new DirectoryFailureException(refused);
        }

        var session = Create(settings, host, addresses!);
        slot?.Track(session);
        var stage = FailureStage.Connect;
        var trustedCas = TrustedCas(settings);
        try
        {
            // One call, so one thread, for the whole opening: each call into a session runs on a thread of its own.
            await session.RunAsync(
                c =>
                {
                    if (settings.Security != DirectorySecurity.None)
                    {
                        // System.DirectoryServices.Protocols only connects when binding: an anonymous bind opens the
                        // connection (and, for LDAPS, completes the handshake) without sending a credential. libldap
                        // can only start TLS on an established connection (verified; without it StartTLS fails with 81).
                        c.AuthType = AuthType.Anonymous;
                        c.Bind();
                        if (settings.Security == DirectorySecurity.StartTls)
                        {
                            c.SessionOptions.StartTransportLayerSecurity(null);
                        }

                        VerifyCertificate(c, context, trustedCas);
                    }

                    stage = identity.Stage;
                    identity.BindOn(c);
                },
                cancellationToken);
            return session;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            session.MarkBroken();
            session.Dispose();
            if (stage == FailureStage.UserBind && BindIdentity.RefusesUser(e))
            {
                throw new InvalidUserCredentialsException(LdapErrors.Read(e).ServerMessage);
            }

            throw await FailureDiagnosis.ClassifyAsync(e, stage, context, trustedCas, time, egress, cancellationToken);
        }
        catch
        {
            session.MarkBroken();
            session.Dispose();
            throw;
        }
    }

    /// <summary>Logs a destination the egress policy refused (the admin sees only the code: no port-scan oracle).</summary>
    public void NoteRefusal(DirectoryFailure failure, string host, int port)
    {
        if (failure.Code == DirectoryFailureCodes.DestinationNotAllowed)
        {
            LogRefused(logger, host, port);
        }
    }

    /// <summary>
    /// libldap connected to an address, so it cannot check the certificate against the name (it is told not to check
    /// at all, <see cref="LibLdap.Create"/>): we check it here, as libldap would, against the name the admin entered.
    /// </summary>
    private void VerifyCertificate(LdapConnection connection, FailureContext context, X509Certificate2Collection? trustedCas)
    {
        using var certificate = LibLdap.PeerCertificate(connection)
            ?? throw new DirectoryFailureException(Failures.Failures.Tls(context, $"{context.Endpoint} presented no certificate.", DirectoryFailureReasons.NoCertificate));
        if (CertificateCheck.Problem(certificate, context.Host, trustedCas, time.GetUtcNow().UtcDateTime) is { } problem)
        {
            throw new DirectoryFailureException(Failures.Failures.Tls(context, problem.Message, problem.Reason, problem.Values));
        }
    }

    private DirectorySession Create(DirectorySettings settings, string host, IReadOnlyList<IPAddress> addresses)
    {
        var connection = LibLdap.Create(
            new LdapDirectoryIdentifier(Destinations.Servers(addresses, settings.EffectivePort), settings.EffectivePort, fullyQualifiedDnsHostName: false, connectionless: false),
            settings.ConnectTimeout,
            settings.OperationTimeout,
            verifyCertificates: false);
        try
        {
            connection.AutoBind = false;
            connection.Timeout = settings.OperationTimeout;
            var session = connection.SessionOptions;
            session.ProtocolVersion = 3;
            // Active Directory answers searches from the domain root with referrals to other partitions; following
            // them would bind to servers the admin never configured.
            session.ReferralChasing = ReferralChasingOptions.None;
            if (settings.Security != DirectorySecurity.None)
            {
                if (OperatingSystem.IsWindows())
                {
                    throw new PlatformNotSupportedException("Directory connections need libldap (Linux).");
                }

                if (settings.CaCertificatePem is { } pem)
                {
                    session.TrustedCertificatesDirectory = cas.DirectoryFor(pem);
                }

                // A TLS context of the connection's own, built from its options (no certificate check by libldap).
                session.StartNewTlsSessionContext();
            }

            session.SecureSocketLayer = settings.Security == DirectorySecurity.Ldaps;
            return new DirectorySession(connection, host, settings.ConnectTimeout + settings.OperationTimeout + GuardSlack)
            {
                OpenedAt = time.GetTimestamp(),
            };
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Refused to connect to directory host {Host} port {Port}: the egress policy does not allow its address")]
    private static partial void LogRefused(ILogger logger, string host, int port);

    [LoggerMessage(LogLevel.Warning, "Directory host {Host} is unreachable ({Code}); trying the failover host {FailoverHost}")]
    private static partial void LogFailover(ILogger logger, string host, string code, string failoverHost);
}

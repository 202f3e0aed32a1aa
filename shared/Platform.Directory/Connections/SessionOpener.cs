using System.DirectoryServices.Protocols;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Platform.Directory.Failures;
using Platform.Directory.Settings;

namespace Platform.Directory.Connections;

/// <summary>Opens and binds a connection to a domain's directory, trying the failover host when the first is unreachable.</summary>
internal sealed partial class SessionOpener(TrustedCaStore cas, DirectoryClientOptions options, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan GuardSlack = TimeSpan.FromSeconds(1);

    public TimeProvider Time => time;

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

    /// <summary>Opens a connection to <paramref name="host"/> only (no failover), resolving the name first.</summary>
    public async Task<DirectorySession> OpenOnAsync(
        DirectorySettings settings, string host, BindIdentity identity, ConnectionSlot? slot, CancellationToken cancellationToken)
    {
        var context = Context(settings, host);
        await ResolveAsync(context, cancellationToken);
        var session = Create(settings, host);
        slot?.Track(session);
        var stage = FailureStage.Connect;
        try
        {
            // One call, so one thread, for the whole opening: each call into a session runs on a thread of its own.
            await session.RunAsync(
                c =>
                {
                    if (settings.Security == DirectorySecurity.StartTls)
                    {
                        // libldap can only start TLS on an established connection, and System.DirectoryServices.Protocols
                        // only connects when binding: an anonymous bind opens it (verified; without it StartTLS fails with 81).
                        c.AuthType = AuthType.Anonymous;
                        c.Bind();
                        c.SessionOptions.StartTransportLayerSecurity(null);
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

            throw await FailureDiagnosis.ClassifyAsync(e, stage, context, TrustedCas(settings), time, cancellationToken);
        }
        catch
        {
            session.MarkBroken();
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Resolves the name ourselves first: libldap reports an unresolvable name only as "server down", and its
    /// getaddrinfo call has no timeout.
    /// </summary>
    private async Task ResolveAsync(FailureContext context, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(context.Host, out _))
        {
            return;
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(context.Host, cancellationToken).WaitAsync(context.ConnectTimeout, time, cancellationToken);
            if (addresses.Length == 0)
            {
                throw new DirectoryFailureException(Failures.Failures.Dns(context, "no addresses"));
            }
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            throw new DirectoryFailureException(Failures.Failures.Dns(context, e.Message), e);
        }
        catch (TimeoutException e)
        {
            throw new DirectoryFailureException(Failures.Failures.Dns(context, "the DNS lookup timed out"), e);
        }
    }

    private DirectorySession Create(DirectorySettings settings, string host)
    {
        // System.DirectoryServices.Protocols appends ":port" only to names without a colon: give IPv6 literals in
        // brackets with their port, or the URI it builds is invalid.
        var server = IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{address}]:{settings.EffectivePort}"
            : host;
        var connection = LibLdap.Create(
            new LdapDirectoryIdentifier(server, settings.EffectivePort, fullyQualifiedDnsHostName: false, connectionless: false),
            settings.ConnectTimeout,
            settings.OperationTimeout);
        try
        {
            connection.AutoBind = false;
            connection.Timeout = settings.OperationTimeout;
            var session = connection.SessionOptions;
            session.ProtocolVersion = 3;
            // Active Directory answers searches from the domain root with referrals to other partitions; following
            // them would bind to servers the admin never configured.
            session.ReferralChasing = ReferralChasingOptions.None;
            if (settings.Security != DirectorySecurity.None && settings.CaCertificatePem is { } pem)
            {
                if (OperatingSystem.IsWindows())
                {
                    throw new PlatformNotSupportedException("Per-domain CA certificates need libldap (Linux).");
                }

                session.TrustedCertificatesDirectory = cas.DirectoryFor(pem);
                session.StartNewTlsSessionContext();
            }

            session.SecureSocketLayer = settings.Security == DirectorySecurity.Ldaps;
            return new DirectorySession(connection, host, settings.ConnectTimeout + settings.OperationTimeout + GuardSlack);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Directory host {Host} is unreachable ({Code}); trying the failover host {FailoverHost}")]
    private static partial void LogFailover(ILogger logger, string host, string code, string failoverHost);
}

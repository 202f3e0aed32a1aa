using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using AuthenticationException = MailKit.Security.AuthenticationException;

namespace Platform.Notifications.Relay;

/// <summary>
/// One session with the relay, kept open for many messages: MailKit's <see cref="SmtpClient"/> (greeting, EHLO,
/// STARTTLS when configured, AUTH when credentials are set, PIPELINING when offered, RSET after a refusal). Ours is
/// what the platform decides around it: the connect timeout, the custom CA, no password in clear text, which answers
/// are the message's (<see cref="SmtpOutcome"/>) and which the relay's (<see cref="SmtpRelayUnavailableException"/>,
/// the session is then done: open a new one), and each failure named by its step.
/// </summary>
public sealed class SmtpRelayConnection : IAsyncDisposable
{
    private readonly SmtpRelayOptions _options;
    private readonly SmtpClient _client;
    private readonly RelayDialog _dialog;
    private bool _broken;

    private SmtpRelayConnection(SmtpRelayOptions options)
    {
        _options = options;
        _dialog = new RelayDialog(OnContent);
        var authority = options.CaCertificateFile is { } file ? X509CertificateLoader.LoadCertificateFromFile(file) : null;
        _client = new SmtpClient(_dialog)
        {
            LocalDomain = options.HeloName,
            Timeout = Milliseconds(options.CommandTimeout),
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            // As SslStream by default: no revocation lookup (it would reach out to the CA's servers).
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = (_, certificate, chain, errors) => RelayCertificates.Trusted(certificate, chain, errors, authority),
        };
    }

    public bool IsBroken => _broken || !_client.IsConnected;

    public static async Task<SmtpRelayConnection> OpenAsync(SmtpRelayOptions options, CancellationToken cancellationToken)
    {
        SmtpRelayConnection? connection = null;
        try
        {
            // Within the try: an unreadable CA file is the relay's settings failing, tried again later like the rest.
            connection = new SmtpRelayConnection(options);
            await connection.StartAsync(options, cancellationToken);
            return connection;
        }
        catch (Exception e)
        {
            var step = connection?._dialog.Step ?? "connect";
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw; // stopping
            }

            throw e as SmtpRelayUnavailableException ?? new SmtpRelayUnavailableException(Describe(e, step), e);
        }
    }

    /// <summary>Submits one message to its recipients; the relay's answer, or <see cref="SmtpRelayUnavailableException"/>.</summary>
    public async Task<SmtpOutcome> SendAsync(string from, IReadOnlyList<string> to, MimeMessage message, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsBroken, this);
        MailboxAddress sender;
        List<MailboxAddress> recipients;
        try
        {
            (sender, recipients) = (new MailboxAddress(null, from), [.. to.Select(r => new MailboxAddress(null, r))]);
        }
        catch (ParseException e)
        {
            return new SmtpOutcome(false, true, null, $"envelope: not an address ({e.Message})"); // never sent: the same each time
        }

        try
        {
            var reply = await _client.SendAsync(message, sender, recipients, cancellationToken);
            return SmtpOutcome.Sent(reply);
        }
        catch (SmtpCommandException refused)
        {
            // MailKit has reset the transaction (RSET), or closed a session that refused that: IsBroken says which.
            return refused.ErrorCode switch
            {
                // A sender the relay refuses is the relay's configuration, not this message: try later, and say why.
                SmtpErrorCode.SenderNotAccepted => SmtpOutcome.Refused("MAIL FROM", (int)refused.StatusCode, refused.Message) with { Permanent = false },
                SmtpErrorCode.RecipientNotAccepted => SmtpOutcome.Refused("RCPT TO", (int)refused.StatusCode, refused.Message),
                _ => SmtpOutcome.Refused(_dialog.Step, (int)refused.StatusCode, refused.Message),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _broken = true;
            throw new SmtpRelayUnavailableException(Describe(e, _dialog.Step), e);
        }
        catch
        {
            _broken = true;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _client.DisconnectAsync(quit: !_broken, quit.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _client.Dispose();
    }

    private async Task StartAsync(SmtpRelayOptions options, CancellationToken cancellationToken)
    {
        // Our own connect, for its own timeout (MailKit's would be the command timeout) and its step's name.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        try
        {
            await _client.ConnectAsync(socket, options.Host, options.Port, SecureSocketOptionsOf(options.Security), cancellationToken);
        }
        catch (NotSupportedException) when (SmtpSecurity.RequiresStartTls(options.Security))
        {
            throw new SmtpRelayUnavailableException("EHLO: the relay does not offer STARTTLS, and the settings require it");
        }

        if (string.IsNullOrEmpty(options.Password))
        {
            return;
        }

        if (!_client.IsSecure && options.Security != SmtpSecurity.None)
        {
            // Opportunistic, and the relay did not offer STARTTLS: the password would cross the network in clear.
            throw new SmtpRelayUnavailableException("EHLO: the relay offers no STARTTLS, and credentials are never sent in clear text");
        }

        try
        {
            await _client.AuthenticateAsync(options.Username ?? "", options.Password, cancellationToken);
        }
        catch (NotSupportedException)
        {
            throw new SmtpRelayUnavailableException("EHLO: the relay offers no AUTH mechanism we can use, and credentials are set");
        }
    }

    /// <summary>MailKit has one timeout for every read and write: the content and the reply to it get the data timeout.</summary>
    private void OnContent(bool started) => _client.Timeout = Milliseconds(started ? _options.DataTimeout : _options.CommandTimeout);

    private static int Milliseconds(TimeSpan timeout) => (int)timeout.TotalMilliseconds;

    private static SecureSocketOptions SecureSocketOptionsOf(string security) => security switch
    {
        SmtpSecurity.Opportunistic => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpSecurity.StartTls or SmtpSecurity.Required => SecureSocketOptions.StartTls,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };

    private static string Describe(Exception e, string step) => e switch
    {
        SmtpRelayUnavailableException relay => relay.Message,
        AuthenticationException { InnerException: SmtpCommandException refused } => $"AUTH: {(int)refused.StatusCode} {SmtpOutcome.OneLine(refused.Message)}",
        AuthenticationException auth => $"AUTH: {auth.Message}",
        SmtpCommandException refused => $"{step}: {(int)refused.StatusCode} {SmtpOutcome.OneLine(refused.Message)}",
        SslHandshakeException tls => $"{step}: TLS failed ({(tls.InnerException ?? tls).Message})",
        TimeoutException or OperationCanceledException => $"{step}: no answer in time",
        SocketException socket => $"{step}: {socket.SocketErrorCode}",
        MailKit.Net.Smtp.SmtpProtocolException protocol => $"{step}: {protocol.Message}",
        IOException or MailKit.ServiceNotConnectedException => $"{step}: connection lost",
        _ => $"{step}: {e.GetType().Name}",
    };
}

using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Platform.Smtp;

/// <summary>
/// One session with the relay, kept open for many messages: greeting, EHLO, STARTTLS when configured (EHLO again over
/// TLS), AUTH when credentials are set. <see cref="SendAsync"/> answers for each message; a broken session throws
/// <see cref="SmtpRelayUnavailableException"/> and is done (open a new one).
/// </summary>
public sealed class SmtpRelayConnection : IAsyncDisposable
{
    private readonly SmtpRelayOptions _options;
    private readonly Socket _socket;
    private Stream _stream;
    private SmtpDialog _dialog;
    private bool _pipelining;

    private SmtpRelayConnection(SmtpRelayOptions options, Socket socket, Stream stream)
    {
        _options = options;
        _socket = socket;
        _stream = stream;
        _dialog = new SmtpDialog(stream, options.CommandTimeout);
    }

    public bool IsBroken { get; private set; }

    public static async Task<SmtpRelayConnection> OpenAsync(SmtpRelayOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        SmtpRelayConnection? connection = null;
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(options.ConnectTimeout);
                await socket.ConnectAsync(options.Host, options.Port, timeout.Token);
            }

            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (options.Security == SmtpSecurity.Tls)
            {
                stream = await TlsAsync(stream, options, cancellationToken);
            }

            connection = new SmtpRelayConnection(options, socket, stream);
            await connection.StartAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Where it stopped: the connect, or a step of the dialog (a relay that accepts and never greets says "greeting").
            var step = connection?._dialog.Step ?? "connect";
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            else
            {
                socket.Dispose();
            }

            throw e as SmtpRelayUnavailableException ?? new SmtpRelayUnavailableException(Describe(e, step), e);
        }
    }

    /// <summary>Submits one message to its recipients; the relay's answer, or <see cref="SmtpRelayUnavailableException"/>.</summary>
    public async Task<SmtpOutcome> SendAsync(string from, IReadOnlyList<string> to, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsBroken, this);
        try
        {
            var (refused, data) = _pipelining
                ? await PipelinedEnvelopeAsync(from, to, cancellationToken)
                : (await EnvelopeAsync(from, to, cancellationToken), null);
            if (refused is not null)
            {
                return refused;
            }

            data ??= await _dialog.SendAsync("DATA", "DATA", cancellationToken);
            if (data.Code != 354)
            {
                await ResetAsync(cancellationToken);
                return SmtpOutcome.Refused("DATA", data);
            }

            var accepted = await _dialog.SendRawAsync("message", SmtpData.Stuff(message.Span), _options.DataTimeout, cancellationToken);
            return accepted.IsPositive ? SmtpOutcome.Sent(accepted) : SmtpOutcome.Refused("message", accepted);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            IsBroken = true;
            throw new SmtpRelayUnavailableException(Describe(e, _dialog.Step), e);
        }
    }

    /// <summary>MAIL and each RCPT, one command at a time; the refusal (after a reset), or null when all were taken.</summary>
    private async Task<SmtpOutcome?> EnvelopeAsync(string from, IReadOnlyList<string> to, CancellationToken cancellationToken)
    {
        var mail = await _dialog.SendAsync("MAIL FROM", $"MAIL FROM:<{Checked(from)}>", cancellationToken);
        if (!mail.IsPositive)
        {
            await ResetAsync(cancellationToken);
            return SenderRefused(mail);
        }

        foreach (var recipient in to)
        {
            var rcpt = await _dialog.SendAsync("RCPT TO", $"RCPT TO:<{Checked(recipient)}>", cancellationToken);
            if (!rcpt.IsPositive)
            {
                await ResetAsync(cancellationToken);
                return SmtpOutcome.Refused("RCPT TO", rcpt);
            }
        }

        return null;
    }

    /// <summary>
    /// The envelope in one write to a relay that offers PIPELINING: MAIL and the RCPTs, and DATA with them when there is
    /// one recipient (a relay refuses DATA when it refused every recipient, RFC 2920) — two round trips for a mail to
    /// one recipient instead of four. Any refusal refuses the message, as without pipelining. The refusal (after a
    /// reset), else the reply to DATA when it went along.
    /// </summary>
    private async Task<(SmtpOutcome? Refused, SmtpReply? Data)> PipelinedEnvelopeAsync(
        string from, IReadOnlyList<string> to, CancellationToken cancellationToken)
    {
        var withData = to.Count == 1;
        var commands = new List<string>(to.Count + 2) { $"MAIL FROM:<{Checked(from)}>" };
        commands.AddRange(to.Select(recipient => $"RCPT TO:<{Checked(recipient)}>"));
        if (withData)
        {
            commands.Add("DATA");
        }

        await _dialog.WriteAsync("MAIL FROM", commands, cancellationToken);
        var mail = await _dialog.ReadAsync("MAIL FROM", cancellationToken);
        var refused = mail.IsPositive ? null : SenderRefused(mail);
        foreach (var _ in to)
        {
            var rcpt = await _dialog.ReadAsync("RCPT TO", cancellationToken);
            refused ??= rcpt.IsPositive ? null : SmtpOutcome.Refused("RCPT TO", rcpt);
        }

        var data = withData ? await _dialog.ReadAsync("DATA", cancellationToken) : null;
        if (refused is null)
        {
            return (null, data);
        }

        if (data?.Code == 354)
        {
            // The relay took DATA after refusing the envelope: end the empty message (RFC 2920), then start over.
            await _dialog.SendRawAsync("message", ".\r\n"u8.ToArray(), _options.DataTimeout, cancellationToken);
        }

        await ResetAsync(cancellationToken);
        return (refused, null);
    }

    /// <summary>A sender the relay refuses is the relay's configuration, not this message: try later, and say why.</summary>
    private static SmtpOutcome SenderRefused(SmtpReply mail) => SmtpOutcome.Refused("MAIL FROM", mail) with { Permanent = false };

    public async ValueTask DisposeAsync()
    {
        if (!IsBroken)
        {
            IsBroken = true;
            try
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _dialog.SendAsync("QUIT", "QUIT", quit.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SmtpProtocolException or IOException or ObjectDisposedException)
            {
                // The relay hung up first or did not answer, or a failed TLS handshake already closed the stream: nothing to do.
            }
        }

        await _stream.DisposeAsync();
        _socket.Dispose();
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        Expect(await _dialog.GreetingAsync(cancellationToken), "greeting");
        var hello = Expect(await _dialog.SendAsync("EHLO", $"EHLO {_options.HeloName}", cancellationToken), "EHLO");
        var startTls = SmtpSecurity.RequiresStartTls(_options.Security);
        if (startTls || (_options.Security == SmtpSecurity.Opportunistic && Offers(hello, "STARTTLS")))
        {
            if (!Offers(hello, "STARTTLS"))
            {
                throw new SmtpRelayUnavailableException("EHLO: the relay does not offer STARTTLS, and the settings require it");
            }

            Expect(await _dialog.SendAsync("STARTTLS", "STARTTLS", cancellationToken), "STARTTLS");
            _stream = await TlsAsync(_stream, _options, cancellationToken);
            _dialog = new SmtpDialog(_stream, _options.CommandTimeout);
            hello = Expect(await _dialog.SendAsync("EHLO", $"EHLO {_options.HeloName}", cancellationToken), "EHLO");
        }

        if (!string.IsNullOrEmpty(_options.Password))
        {
            if (_stream is not SslStream && _options.Security != SmtpSecurity.None)
            {
                // Opportunistic, and the relay did not offer STARTTLS: the password would cross the network in clear.
                throw new SmtpRelayUnavailableException("EHLO: the relay offers no STARTTLS, and credentials are never sent in clear text");
            }

            await AuthenticateAsync(hello, cancellationToken);
        }

        _pipelining = Offers(hello, "PIPELINING");
    }

    private async Task AuthenticateAsync(SmtpReply hello, CancellationToken cancellationToken)
    {
        var user = _options.Username ?? "";
        var password = _options.Password!;
        if (Offers(hello, "AUTH", "PLAIN"))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
            Expect(await _dialog.SendAsync("AUTH", $"AUTH PLAIN {token}", cancellationToken), "AUTH");
        }
        else if (Offers(hello, "AUTH", "LOGIN"))
        {
            Expect(await _dialog.SendAsync("AUTH", "AUTH LOGIN", cancellationToken), "AUTH", 334);
            Expect(await _dialog.SendAsync("AUTH", Convert.ToBase64String(Encoding.UTF8.GetBytes(user)), cancellationToken), "AUTH", 334);
            Expect(await _dialog.SendAsync("AUTH", Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), cancellationToken), "AUTH");
        }
        else
        {
            throw new SmtpRelayUnavailableException("EHLO: the relay offers neither AUTH PLAIN nor AUTH LOGIN, and credentials are set");
        }
    }

    private async Task ResetAsync(CancellationToken cancellationToken) => Expect(await _dialog.SendAsync("RSET", "RSET", cancellationToken), "RSET");

    private static async Task<Stream> TlsAsync(Stream stream, SmtpRelayOptions options, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        var authority = options.CaCertificateFile is { } file ? X509CertificateLoader.LoadCertificateFromFile(file) : null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.CommandTimeout);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = options.Host,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                CertificateChainPolicy = authority is null ? null : new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { authority },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            }, timeout.Token);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether the EHLO reply lists the extension (and, with <paramref name="mechanism"/>, that AUTH mechanism).</summary>
    private static bool Offers(SmtpReply hello, string extension, string? mechanism = null) => hello.Lines.Skip(1).Any(line =>
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words[0].Equals(extension, StringComparison.OrdinalIgnoreCase)
            && (mechanism is null || words.Skip(1).Contains(mechanism, StringComparer.OrdinalIgnoreCase));
    });

    private static SmtpReply Expect(SmtpReply reply, string step, int? code = null) =>
        (code is { } wanted ? reply.Code == wanted : reply.IsPositive)
            ? reply
            : throw new SmtpRelayUnavailableException($"{step}: {reply.Code} {string.Join(" ", reply.Lines)}".Trim());

    private static string Checked(string address) =>
        address.Any(c => c is '<' or '>' or '\r' or '\n' || char.IsControl(c)) ? throw new ArgumentException($"'{address}' cannot be sent in an envelope.") : address;

    private static string Describe(Exception e, string step) => e switch
    {
        SmtpRelayUnavailableException relay => relay.Message,
        OperationCanceledException => $"{step}: no answer in time",
        SocketException socket => $"{step}: {socket.SocketErrorCode}",
        AuthenticationException tls => $"{step}: TLS failed ({tls.Message})",
        SmtpProtocolException protocol => $"{step}: {protocol.Message}",
        IOException => $"{step}: connection lost",
        _ => $"{step}: {e.GetType().Name}",
    };
}

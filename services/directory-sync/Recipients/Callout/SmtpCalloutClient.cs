using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Platform.Directory.Egress;
using Platform.Smtp;

namespace Platform.DirectorySync.Recipients.Callout;

/// <summary>
/// Asks a mail server whether it takes mail for an address: greeting, EHLO (HELO if refused), MAIL FROM, RCPT TO,
/// QUIT — no message is ever sent. Every failure to get a verdict (no connection, a timeout, a reply we cannot read)
/// is an Unknown answer, not an exception; only the caller's own cancellation throws. The server's name is resolved
/// and every address checked against the egress policy first; the connection goes to a checked address, never to the
/// name again (a second lookup could answer differently).
/// </summary>
public sealed partial class SmtpCalloutClient(IOptions<CalloutOptions> options, EgressPolicy egress, TimeProvider time, ILogger<SmtpCalloutClient> logger)
{
    private readonly CalloutOptions _options = options.Value;

    public async Task<CalloutAnswer> VerifyAsync(CalloutServer server, string address, CancellationToken cancellationToken)
    {
        if (CalloutAddresses.Refusal(address) is { } refusal)
        {
            return refusal;
        }

        if (!server.IsUsable)
        {
            return CalloutAnswer.Unknown("no usable mail server configured");
        }

        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = await egress.ResolveAsync(server.Host, server.Port, _options.ConnectTimeout, time, cancellationToken);
        }
        catch (EgressRefusedException ex)
        {
            LogRefused(logger, server.Host, server.Port, ex.Refusal.Reason);
            return CalloutAnswer.Unknown("connect: destination not allowed (an address the platform does not connect to)");
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException or TimeoutException)
        {
            return CalloutAnswer.Unknown("connect: host not found");
        }

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (await ConnectAsync(socket, addresses, server.Port, cancellationToken) is { } notConnected)
        {
            return notConnected;
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var dialog = new SmtpDialog(stream, _options.CommandTimeout);
        try
        {
            var answer = await ConverseAsync(dialog, address, cancellationToken);
            await QuitAsync(dialog);
            return answer;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CalloutAnswer.Unknown($"{dialog.Step}: no reply within {_options.CommandTimeout.TotalSeconds:0.#} s");
        }
        catch (SmtpProtocolException ex)
        {
            return CalloutAnswer.Unknown($"{dialog.Step}: {ex.Message}");
        }
        catch (IOException)
        {
            return CalloutAnswer.Unknown($"{dialog.Step}: connection lost");
        }
    }

    private async Task<CalloutAnswer?> ConnectAsync(Socket socket, IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(addresses.ToArray(), port, timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CalloutAnswer.Unknown($"connect: no answer within {_options.ConnectTimeout.TotalSeconds:0.#} s");
        }
        catch (SocketException ex)
        {
            return CalloutAnswer.Unknown(ex.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connect: connection refused",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "connect: host not found",
                var other => $"connect: {other}",
            });
        }
    }

    private async Task<CalloutAnswer> ConverseAsync(SmtpDialog dialog, string address, CancellationToken cancellationToken)
    {
        var greeting = await dialog.GreetingAsync(cancellationToken);
        if (!greeting.IsPositive)
        {
            return CalloutDecisions.BeforeRecipient("greeting", greeting);
        }

        var hello = await dialog.SendAsync("EHLO", $"EHLO {_options.HeloName}", cancellationToken);
        if (hello.Code >= 500)
        {
            hello = await dialog.SendAsync("HELO", $"HELO {_options.HeloName}", cancellationToken);
        }

        if (!hello.IsPositive)
        {
            return CalloutDecisions.BeforeRecipient(dialog.Step, hello);
        }

        var mail = await dialog.SendAsync("MAIL FROM", $"MAIL FROM:<{_options.Sender}>", cancellationToken);
        if (!mail.IsPositive)
        {
            return CalloutDecisions.BeforeRecipient("MAIL FROM", mail);
        }

        return CalloutDecisions.ForRecipient(await dialog.SendAsync("RCPT TO", $"RCPT TO:<{address}>", cancellationToken));
    }

    [LoggerMessage(LogLevel.Warning, "Refused an SMTP callout to {Host} port {Port}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string host, int port, string reason);

    /// <summary>Ends the session politely (QUIT also drops the open transaction); the answer is known already.</summary>
    private static async Task QuitAsync(SmtpDialog dialog)
    {
        try
        {
            await dialog.SendAsync("QUIT", "QUIT", CancellationToken.None);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SmtpProtocolException or IOException)
        {
            // The server hung up first or did not answer: nothing to do.
        }
    }
}

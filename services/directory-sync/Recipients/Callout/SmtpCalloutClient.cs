using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Platform.Smtp;

namespace Platform.DirectorySync.Recipients.Callout;

/// <summary>
/// Asks a mail server whether it takes mail for an address: greeting, EHLO (HELO if refused), MAIL FROM, RCPT TO,
/// QUIT — no message is ever sent. Every failure to get a verdict (no connection, a timeout, a reply we cannot read)
/// is an Unknown answer, not an exception; only the caller's own cancellation throws.
/// </summary>
public sealed class SmtpCalloutClient(IOptions<CalloutOptions> options)
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

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (await ConnectAsync(socket, server, cancellationToken) is { } notConnected)
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

    private async Task<CalloutAnswer?> ConnectAsync(Socket socket, CalloutServer server, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(server.Host, server.Port, timeout.Token);
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

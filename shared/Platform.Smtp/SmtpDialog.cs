using System.Text;

namespace Platform.Smtp;

/// <summary>
/// One command and its reply at a time, each bounded by the command timeout. <see cref="Step"/> names what we were
/// waiting for, so a failure can say where it happened.
/// </summary>
public sealed class SmtpDialog(Stream stream, TimeSpan commandTimeout)
{
    private readonly SmtpReplyReader _replies = new(stream);

    public string Step { get; private set; } = "greeting";

    public Task<SmtpReply> GreetingAsync(CancellationToken cancellationToken) => ExchangeAsync("greeting", null, cancellationToken);

    /// <summary>Sends <paramref name="command"/> (ASCII, validated by the caller) and reads its reply.</summary>
    public Task<SmtpReply> SendAsync(string step, string command, CancellationToken cancellationToken) =>
        ExchangeAsync(step, Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken);

    /// <summary>
    /// Sends several commands in one write (PIPELINING, RFC 2920), without waiting for replies: read them with
    /// <see cref="ReadAsync"/>, one per command, in order.
    /// </summary>
    public async Task WriteAsync(string step, IReadOnlyList<string> commands, CancellationToken cancellationToken)
    {
        Step = step;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(commandTimeout);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(string.Concat(commands.Select(c => c + "\r\n"))), timeout.Token);
    }

    /// <summary>The reply to a command sent before with <see cref="WriteAsync"/>.</summary>
    public Task<SmtpReply> ReadAsync(string step, CancellationToken cancellationToken) => ExchangeAsync(step, null, cancellationToken);

    /// <summary>Sends bytes as they are (a message's content after DATA) and reads the reply, within <paramref name="timeout"/>.</summary>
    public Task<SmtpReply> SendRawAsync(string step, ReadOnlyMemory<byte> data, TimeSpan timeout, CancellationToken cancellationToken) =>
        ExchangeAsync(step, data, cancellationToken, timeout);

    private async Task<SmtpReply> ExchangeAsync(string step, ReadOnlyMemory<byte>? command, CancellationToken cancellationToken, TimeSpan? within = null)
    {
        Step = step;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(within ?? commandTimeout);
        if (command is { } bytes)
        {
            await stream.WriteAsync(bytes, timeout.Token);
        }

        return await _replies.ReadAsync(timeout.Token);
    }
}

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

    private async Task<SmtpReply> ExchangeAsync(string step, byte[]? command, CancellationToken cancellationToken)
    {
        Step = step;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(commandTimeout);
        if (command is not null)
        {
            await stream.WriteAsync(command, timeout.Token);
        }

        return await _replies.ReadAsync(timeout.Token);
    }
}

using System.Text;
using MailKit;

namespace Platform.Notifications.Relay;

/// <summary>
/// Follows the dialog MailKit's SmtpClient holds with the relay (its protocol logger) for what MailKit leaves to us:
/// the step a failure happened at (<see cref="Step"/>: "greeting", "EHLO", "STARTTLS", "AUTH", "MAIL FROM",
/// "RCPT TO", "DATA", "message"), and when the content starts and its reply has come — MailKit has one timeout for
/// every read and write, and the content gets a longer one (<see cref="SmtpRelayOptions.DataTimeout"/>). It keeps
/// the name of each command only: the rest of what the client writes (the AUTH exchange, the message) is never kept.
/// </summary>
internal sealed class RelayDialog(Action<bool> content) : IProtocolLogger
{
    // RSET and QUIT are MailKit's clean-up after a refusal or at the end: the step stays the one that failed.
    private static readonly (string Name, byte[] Bytes)[] Steps =
        [.. new[] { "EHLO", "HELO", "STARTTLS", "AUTH", "MAIL FROM", "RCPT TO", "DATA", "BDAT" }.Select(s => (s, Encoding.ASCII.GetBytes(s)))];

    private bool _inContent;

    public string Step { get; private set; } = "connect";

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    public void LogConnect(Uri uri) => Step = "greeting";

    public void LogClient(byte[] buffer, int offset, int count)
    {
        if (!_inContent && Command(buffer.AsSpan(offset, count)) is { } step)
        {
            Step = step;
        }
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        if (_inContent)
        {
            // The reply to the content's final dot.
            _inContent = false;
            content(false);
        }
        else if (Step == "DATA" && count > 0 && buffer[offset] == (byte)'3')
        {
            // 354: what the client writes next is the message.
            Step = "message";
            _inContent = true;
            content(true);
        }
    }

    public void Dispose()
    {
    }

    /// <summary>The step a write starts (a pipelined write is named by its first command), null for anything else.</summary>
    private static string? Command(ReadOnlySpan<byte> written)
    {
        foreach (var (name, bytes) in Steps)
        {
            if (written.Length > bytes.Length && written.StartsWith(bytes) && written[bytes.Length] is (byte)' ' or (byte)':' or (byte)'\r')
            {
                return name;
            }
        }

        return null;
    }
}

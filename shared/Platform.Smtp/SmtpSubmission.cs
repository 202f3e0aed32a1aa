namespace Platform.Smtp;

/// <summary>What the relay said to one message.</summary>
public sealed record SmtpOutcome(bool Accepted, bool Permanent, int? Code, string Reason)
{
    public static SmtpOutcome Sent(SmtpReply reply) => new(true, false, reply.Code, reply.Codes);

    /// <summary>A 5xx to the recipient or the content is about this message: trying again would get the same answer.</summary>
    public static SmtpOutcome Refused(string step, SmtpReply reply) =>
        new(false, reply.Code >= 500, reply.Code, $"{step}: {reply.Code} {string.Join(" ", reply.Lines)}".Trim());
}

/// <summary>The relay could not be reached or talked to (connection, TLS, authentication, a broken dialog): try later.</summary>
public sealed class SmtpRelayUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// RFC 5321 DATA content: lines ending in CRLF, a line starting with "." doubled (§4.5.2), then the final "." line.
/// </summary>
public static class SmtpData
{
    public static byte[] Stuff(ReadOnlySpan<byte> message)
    {
        using var output = new MemoryStream(message.Length + 64);
        var lineStart = true;
        for (var i = 0; i < message.Length; i++)
        {
            var b = message[i];
            if (b == '\n' && (i == 0 || message[i - 1] != '\r'))
            {
                output.WriteByte((byte)'\r'); // a bare LF becomes CRLF: servers must not see one (§2.3.8)
            }
            else if (b == '\r' && (i + 1 == message.Length || message[i + 1] != '\n'))
            {
                output.WriteByte(b);
                output.WriteByte((byte)'\n');
                lineStart = true;
                continue;
            }

            if (lineStart && b == '.')
            {
                output.WriteByte((byte)'.');
            }

            output.WriteByte(b);
            lineStart = b == '\n';
        }

        if (!lineStart)
        {
            output.Write("\r\n"u8);
        }

        output.Write(".\r\n"u8);
        return output.ToArray();
    }
}

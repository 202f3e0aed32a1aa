using System.Text;

namespace Platform.Smtp;

/// <summary>
/// Reads whole replies from a server's stream. Bounded: a line longer than <see cref="MaxLineLength"/> or a reply of
/// more than <see cref="MaxLines"/> lines is a protocol error, so a hostile server cannot make us buffer forever.
/// </summary>
public sealed class SmtpReplyReader(Stream stream)
{
    /// <summary>Characters in a line, its CRLF not counted. RFC 5321 allows 510; some servers write longer lines, none this long.</summary>
    public const int MaxLineLength = 2048;

    public const int MaxLines = 100;

    private readonly byte[] _buffer = new byte[MaxLineLength * 2];
    private int _start;
    private int _end;

    public async Task<SmtpReply> ReadAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var code = 0;
        while (true)
        {
            var line = SmtpReplyLine.Parse(await ReadLineAsync(cancellationToken)) ?? throw new SmtpProtocolException("unreadable reply line");
            if (lines.Count > 0 && line.Code != code)
            {
                throw new SmtpProtocolException("reply lines with different codes");
            }

            code = line.Code;
            lines.Add(line.Text);
            if (line.IsLast)
            {
                return new SmtpReply(line.Code, lines);
            }

            if (lines.Count == MaxLines)
            {
                throw new SmtpProtocolException("reply too long");
            }
        }
    }

    /// <summary>A line without its CRLF (a bare LF is taken too: lenient in what we accept).</summary>
    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == '\r')
                {
                    length--;
                }

                if (length > MaxLineLength)
                {
                    throw new SmtpProtocolException("reply line too long");
                }

                var line = Encoding.UTF8.GetString(_buffer, _start, length);
                _start = newline + 1;
                return line;
            }

            // Room for the longest line allowed and its CR: more without a LF is too long, however the reads split it.
            if (_end - _start > MaxLineLength + 1)
            {
                throw new SmtpProtocolException("reply line too long");
            }

            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                throw new SmtpProtocolException("connection closed by the server");
            }

            _end += read;
        }
    }
}

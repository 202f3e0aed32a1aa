using System.Text.RegularExpressions;

namespace Platform.Smtp;

/// <summary>One SMTP reply, all its lines (RFC 5321 §4.2): "250-first", …, "250 last".</summary>
public sealed partial record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public bool IsPositive => Code is >= 200 and < 300;

    /// <summary>"550" or "550 5.1.1": the code and the enhanced status code (RFC 3463) if the reply has one.</summary>
    public string Codes => Enhanced is { } enhanced ? $"{Code} {enhanced}" : $"{Code}";

    /// <summary>The enhanced status code ("5.1.1") when the first line starts with one of the reply's class.</summary>
    public string? Enhanced => EnhancedStatus().Match(Lines[0]) is { Success: true } enhanced && enhanced.Value[0] - '0' == Code / 100
        ? enhanced.Value
        : null;

    /// <summary>The enhanced status code's subject ("1" of "5.1.1": addressing), null without one.</summary>
    public string? EnhancedSubject => Enhanced?.Split('.')[1];

    [GeneratedRegex(@"^[245]\.\d{1,3}\.\d{1,3}(?=\s|\z)")]
    private static partial Regex EnhancedStatus();
}

/// <summary>One line of a reply: its code, whether it is the last line, and the text after the separator.</summary>
public sealed record SmtpReplyLine(int Code, bool IsLast, string Text)
{
    /// <summary>Null when the line is not "ddd", "ddd text" or "ddd-text" with a code from 200 to 599.</summary>
    public static SmtpReplyLine? Parse(string line)
    {
        if (line.Length < 3 || line[0] is < '2' or > '5' || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2]))
        {
            return null;
        }

        var code = ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');
        return line.Length == 3 ? new SmtpReplyLine(code, true, "")
            : line[3] switch
            {
                ' ' => new SmtpReplyLine(code, true, line[4..]),
                '-' => new SmtpReplyLine(code, false, line[4..]),
                _ => null,
            };
    }
}

/// <summary>A reply that breaks the protocol: a line we cannot parse, codes that change within a reply, an endless one.</summary>
public sealed class SmtpProtocolException(string message) : Exception(message);

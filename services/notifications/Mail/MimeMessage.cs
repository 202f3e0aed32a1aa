using System.Globalization;
using System.Text;

namespace Platform.Notifications.Mail;

/// <summary>
/// An RFC 5322 message with a multipart/alternative body (text and HTML, UTF-8, base64), header words with non-ASCII
/// characters encoded per RFC 2047, CRLF line endings throughout.
/// </summary>
public static class MimeMessage
{
    public static byte[] Build(
        string fromName, string fromAddress, string to, MailContent content, string messageId, DateTimeOffset date, string? boundary = null)
    {
        boundary ??= "=_" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var builder = new StringBuilder();
        Header(builder, "From", $"{Phrase(fromName)} <{fromAddress}>");
        Header(builder, "To", $"<{to}>");
        Header(builder, "Subject", EncodedWords(content.Subject));
        Header(builder, "Date", date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(builder, "Message-ID", messageId);
        Header(builder, "MIME-Version", "1.0");
        // RFC 3834: machines must not answer it (no vacation replies to the quarantine's own mail).
        Header(builder, "Auto-Submitted", "auto-generated");
        Header(builder, "Content-Type", $"multipart/alternative;\r\n boundary=\"{boundary}\"");
        builder.Append("\r\n");
        Part(builder, boundary, "text/plain", content.Text);
        Part(builder, boundary, "text/html", content.Html);
        builder.Append("--").Append(boundary).Append("--\r\n");
        return Encoding.ASCII.GetBytes(builder.ToString());
    }

    /// <summary>A header value as RFC 2047 encoded words when it is not plain ASCII, each line within 78 characters.</summary>
    public static string EncodedWords(string value)
    {
        if (value.All(c => c is >= ' ' and <= '~'))
        {
            return value;
        }

        var words = new List<string>();
        var chunk = new StringBuilder();
        foreach (var rune in value.EnumerateRunes())
        {
            var text = Rune.IsControl(rune) ? " " : rune.ToString();
            // 39 bytes of UTF-8 make 52 base64 characters: with "=?utf-8?B?", "?=" and a header's name, within 78.
            if (Encoding.UTF8.GetByteCount(chunk + text) > 39)
            {
                words.Add(Word(chunk.ToString()));
                chunk.Clear();
            }

            chunk.Append(text);
        }

        words.Add(Word(chunk.ToString()));
        return string.Join("\r\n ", words);
    }

    private static string Word(string text) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";

    /// <summary>A display name: encoded words when not ASCII, else a quoted string.</summary>
    private static string Phrase(string name) =>
        name.All(c => c is >= ' ' and <= '~') ? "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : EncodedWords(name);

    private static void Header(StringBuilder builder, string name, string value) => builder.Append(name).Append(": ").Append(value).Append("\r\n");

    private static void Part(StringBuilder builder, string boundary, string type, string body)
    {
        builder.Append("--").Append(boundary).Append("\r\n");
        Header(builder, "Content-Type", $"{type}; charset=utf-8");
        Header(builder, "Content-Transfer-Encoding", "base64");
        builder.Append("\r\n");
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(body.ReplaceLineEndings("\r\n")));
        for (var i = 0; i < encoded.Length; i += 76)
        {
            builder.Append(encoded.AsSpan(i, Math.Min(76, encoded.Length - i))).Append("\r\n");
        }
    }
}

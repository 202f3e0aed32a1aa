using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Platform.Notifications.Mail;

/// <summary>
/// A mail as MimeKit writes it: multipart/alternative (text and HTML, UTF-8, base64), headers with non-ASCII words
/// encoded (RFC 2047), the Message-ID of the mail's intent and <c>Auto-Submitted</c>.
/// </summary>
public static class MailMessages
{
    public static MimeMessage Build(string fromName, string fromAddress, string to, MailContent content, string messageId, DateTimeOffset date)
    {
        var message = new MimeMessage
        {
            Subject = content.Subject,
            Date = date.ToUniversalTime(),
            MessageId = messageId,
            Body = new MultipartAlternative { Part(TextFormat.Plain, content.Text), Part(TextFormat.Html, content.Html) },
        };
        message.From.Add(new MailboxAddress(fromName, fromAddress));
        message.To.Add(new MailboxAddress(null, to));
        // RFC 3834: machines must not answer it (no vacation replies to the quarantine's own mail).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    private static TextPart Part(TextFormat format, string body)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.Base64 };
        // Base64 keeps line ends as they are: the text's are CRLF, as mail's are.
        part.SetText(Encoding.UTF8, body.ReplaceLineEndings("\r\n"));
        return part;
    }
}

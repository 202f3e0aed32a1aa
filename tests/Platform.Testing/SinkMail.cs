using System.Text;
using System.Text.Json.Nodes;
using MimeKit;

namespace Platform.Testing;

/// <summary>A mail as the SMTP sink stored it: envelope, decoded headers, and the text and HTML parts decoded.</summary>
public sealed record SinkMail(string File, string MailFrom, IReadOnlyList<string> Recipients, IReadOnlyDictionary<string, string> Headers, string Text, string Html)
{
    public string Subject => Headers.GetValueOrDefault("Subject", "");

    public string MessageId => Headers.GetValueOrDefault("Message-ID", "");

    /// <summary>The sink's default mail folder (<c>SmtpSink:MailDir</c> in .platform/env).</summary>
    public static string SharedMailDir => Infrastructure.Get("SmtpSink:MailDir");

    /// <summary>Every mail in <paramref name="mailDir"/> to <paramref name="recipient"/> (case-insensitive), oldest first.</summary>
    public static IReadOnlyList<SinkMail> To(string recipient, string? mailDir = null)
    {
        var folder = mailDir ?? SharedMailDir;
        if (!System.IO.Directory.Exists(folder))
        {
            return [];
        }

        var mails = new List<SinkMail>();
        // The sink writes each file under a hidden name and renames it when complete: hidden names are skipped.
        foreach (var json in System.IO.Directory.EnumerateFiles(folder, "*.json").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
        {
            var envelope = JsonNode.Parse(System.IO.File.ReadAllText(json))!;
            var recipients = envelope["rcpt_tos"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
            var eml = Path.ChangeExtension(json, ".eml");
            if (recipients.Contains(recipient, StringComparer.OrdinalIgnoreCase) && System.IO.File.Exists(eml))
            {
                mails.Add(Parse(eml, envelope["mail_from"]!.GetValue<string>(), recipients, System.IO.File.ReadAllText(eml, Encoding.Latin1)));
            }
        }

        return mails;
    }

    /// <summary>Reads an RFC 5322 message with MimeKit: unfolded headers (RFC 2047 words decoded), the text/plain and text/html parts.</summary>
    public static SinkMail Parse(string file, string mailFrom, IReadOnlyList<string> recipients, string raw)
    {
        using var stream = new MemoryStream(Encoding.Latin1.GetBytes(raw));
        using var message = MimeMessage.Load(stream);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in message.Headers)
        {
            headers[header.Field] = header.Value;
        }

        var parts = message.BodyParts.OfType<TextPart>().ToList();
        return new SinkMail(file, mailFrom, recipients, headers, Decoded(parts.FirstOrDefault(p => p.IsPlain)), Decoded(parts.FirstOrDefault(p => p.IsHtml)));
    }

    /// <summary>A part's text exactly as sent, line ends included (MimeKit's <c>Text</c> would turn them into this platform's).</summary>
    private static string Decoded(TextPart? part)
    {
        if (part?.Content is null)
        {
            return "";
        }

        using var decoded = new MemoryStream();
        part.Content.DecodeTo(decoded);
        return (part.ContentType.CharsetEncoding ?? Encoding.UTF8).GetString(decoded.ToArray());
    }
}

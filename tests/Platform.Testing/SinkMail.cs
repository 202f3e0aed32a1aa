using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Testing;

/// <summary>A mail as the SMTP sink stored it: envelope, decoded headers, and the text and HTML parts decoded.</summary>
public sealed partial record SinkMail(string File, string MailFrom, IReadOnlyList<string> Recipients, IReadOnlyDictionary<string, string> Headers, string Text, string Html)
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
                mails.Add(Parse(eml, envelope["mail_from"]!.GetValue<string>(), recipients, System.IO.File.ReadAllText(eml, Encoding.ASCII)));
            }
        }

        return mails;
    }

    /// <summary>Reads an RFC 5322 message: unfolded headers (RFC 2047 words decoded), base64 text/plain and text/html parts.</summary>
    public static SinkMail Parse(string file, string mailFrom, IReadOnlyList<string> recipients, string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = ReadHeaders(raw[..split]);
        var (text, html) = ("", "");
        var boundary = BoundaryPattern().Match(headers.GetValueOrDefault("Content-Type", "")) is { Success: true } b ? b.Groups[1].Value : null;
        foreach (var part in boundary is null ? [raw] : raw[(split + 4)..].Split("--" + boundary))
        {
            var end = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }

            var partHeaders = ReadHeaders(part[..end].Trim('\r', '\n'));
            var body = part[(end + 4)..];
            var decoded = partHeaders.GetValueOrDefault("Content-Transfer-Encoding", "").Equals("base64", StringComparison.OrdinalIgnoreCase)
                ? Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))))
                : body;
            var type = partHeaders.GetValueOrDefault("Content-Type", "");
            if (type.StartsWith("text/plain", StringComparison.Ordinal))
            {
                text = decoded;
            }
            else if (type.StartsWith("text/html", StringComparison.Ordinal))
            {
                html = decoded;
            }
        }

        return new SinkMail(file, mailFrom, recipients, headers, text, html);
    }

    private static Dictionary<string, string> ReadHeaders(string block)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in block.Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal).Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon]] = EncodedWord().Replace(line[(colon + 1)..].Trim(), m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)))
                    ;
            }
        }

        return headers;
    }

    [GeneratedRegex("boundary=\"([^\"]+)\"")]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"=\?utf-8\?B\?([A-Za-z0-9+/=]*)\?=(?:\s+(?==\?utf-8\?B\?))?", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();
}

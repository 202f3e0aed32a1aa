namespace Platform.Notifications.Relay;

/// <summary>What the relay said to one message.</summary>
public sealed record SmtpOutcome(bool Accepted, bool Permanent, int? Code, string Reason)
{
    /// <summary>Accepted: the relay's 250 and its text after the content.</summary>
    public static SmtpOutcome Sent(string reply) => new(true, false, 250, $"250 {reply}".Trim());

    /// <summary>A 5xx to the recipient or the content is about this message: trying again would get the same answer.</summary>
    public static SmtpOutcome Refused(string step, int code, string reply) =>
        new(false, code >= 500, code, $"{step}: {code} {OneLine(reply)}".Trim());

    /// <summary>A multi-line reply (MailKit joins its lines with line feeds) as the one line a reason is.</summary>
    internal static string OneLine(string reply) => reply.ReplaceLineEndings(" ");
}

/// <summary>The relay could not be reached or talked to (connection, TLS, authentication, a broken dialog): try later.</summary>
public sealed class SmtpRelayUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

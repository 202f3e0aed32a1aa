namespace Platform.DirectorySync.Recipients.Callout;

/// <summary>What a domain's own mail server said of a recipient.</summary>
public enum CalloutOutcome
{
    /// <summary>The server accepted the recipient (2xx on RCPT TO).</summary>
    Valid,

    /// <summary>The server refused the recipient for good (5xx on RCPT TO), or the address is malformed.</summary>
    Invalid,

    /// <summary>No verdict: a 4xx, a timeout, no connection, a refusal before RCPT TO or a reply we cannot read.</summary>
    Unknown,
}

/// <summary>
/// The answer of one SMTP callout. <paramref name="ReplyCode"/> is the server's reply code that decided it, null when
/// no reply did (timeout, refused connection, malformed address). <paramref name="Reason"/> is short and fit for logs:
/// the step and the codes, never the server's free text (it may echo the address).
/// </summary>
public sealed record CalloutAnswer(CalloutOutcome Outcome, int? ReplyCode, string Reason)
{
    internal static CalloutAnswer Unknown(string reason, int? replyCode = null) => new(CalloutOutcome.Unknown, replyCode, reason);
}

using Platform.Smtp;

namespace Platform.DirectorySync.Recipients.Callout;

/// <summary>What a server's replies mean for the recipient, pure.</summary>
internal static class CalloutDecisions
{
    /// <summary>
    /// The reply to RCPT TO decides: 2xx Valid; a permanent refusal of the mailbox Invalid (550, 551, 553, with
    /// 5.1.x "bad address", 5.2.1 "disabled" or Exchange Online's 5.4.1 "access denied" for unknown recipients). A
    /// permanent refusal that is about us — a policy refusal (5.7.x: our address is blocked, relaying denied), the
    /// server's state (5.3.x) or our command (5.5.x, 500–504) — says nothing of the mailbox, nor do 4xx replies
    /// (greylisting, a full queue, a lookup that failed on its side): Unknown.
    /// </summary>
    public static CalloutAnswer ForRecipient(SmtpReply reply) => reply.Code switch
    {
        >= 200 and < 300 => new CalloutAnswer(CalloutOutcome.Valid, reply.Code, $"RCPT TO: {reply.Codes}"),
        >= 500 when RefusesTheMailbox(reply) => new CalloutAnswer(CalloutOutcome.Invalid, reply.Code, $"RCPT TO: {reply.Codes}"),
        _ => CalloutAnswer.Unknown($"RCPT TO: {reply.Codes}", reply.Code),
    };

    /// <summary>A refusal before RCPT TO is about us (our name, our address, the null sender), never the recipient.</summary>
    public static CalloutAnswer BeforeRecipient(string step, SmtpReply reply) => CalloutAnswer.Unknown($"{step}: {reply.Codes}", reply.Code);

    private static bool RefusesTheMailbox(SmtpReply reply) => reply.EnhancedSubject switch
    {
        "3" or "5" or "7" => false,
        null => reply.Code is not (>= 500 and <= 504),
        _ => true,
    };
}

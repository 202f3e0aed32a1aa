namespace Platform.DirectorySync.Recipients.Callout;

/// <summary>What a server's replies mean for the recipient, pure.</summary>
internal static class CalloutDecisions
{
    /// <summary>
    /// The reply to RCPT TO decides: 2xx Valid; any 5xx Invalid (550, 551, 553 and the rest: the server will not take
    /// mail for it); 4xx — greylisting, a full queue, a lookup that failed on its side — tells nothing.
    /// </summary>
    public static CalloutAnswer ForRecipient(SmtpReply reply) => reply.Code switch
    {
        >= 200 and < 300 => new CalloutAnswer(CalloutOutcome.Valid, reply.Code, $"RCPT TO: {reply.Codes}"),
        >= 500 => new CalloutAnswer(CalloutOutcome.Invalid, reply.Code, $"RCPT TO: {reply.Codes}"),
        _ => CalloutAnswer.Unknown($"RCPT TO: {reply.Codes}", reply.Code),
    };

    /// <summary>A refusal before RCPT TO is about us (our name, our address, the null sender), never the recipient.</summary>
    public static CalloutAnswer BeforeRecipient(string step, SmtpReply reply) => CalloutAnswer.Unknown($"{step}: {reply.Codes}", reply.Code);
}

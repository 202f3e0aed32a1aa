using Platform.DirectorySync.Recipients.Callout;
using Platform.Smtp;
using Xunit;

namespace Platform.DirectorySync.Tests.Recipients.Callout;

public sealed class Judging_rcpt_replies
{
    [Theory]
    [InlineData("250 2.1.5 ok", CalloutOutcome.Valid)]
    [InlineData("251 will forward", CalloutOutcome.Valid)]
    [InlineData("550 5.1.1 <x@example.com>: user unknown", CalloutOutcome.Invalid)]
    [InlineData("550 5.1.10 RESOLVER.ADR.RecipientNotFound", CalloutOutcome.Invalid)]
    [InlineData("550 5.4.1 Recipient address rejected: Access denied", CalloutOutcome.Invalid)]
    [InlineData("550 5.2.1 mailbox disabled", CalloutOutcome.Invalid)]
    [InlineData("553 mailbox name not allowed", CalloutOutcome.Invalid)]
    [InlineData("550 no such user", CalloutOutcome.Invalid)]
    [InlineData("550 5.7.1 Relaying denied", CalloutOutcome.Unknown)]
    [InlineData("554 5.7.1 Client host rejected: your IP is listed", CalloutOutcome.Unknown)]
    [InlineData("550 5.3.2 system not accepting network messages", CalloutOutcome.Unknown)]
    [InlineData("501 5.5.4 syntax error in parameters", CalloutOutcome.Unknown)]
    [InlineData("503 bad sequence of commands", CalloutOutcome.Unknown)]
    [InlineData("450 4.2.0 greylisted, try again later", CalloutOutcome.Unknown)]
    [InlineData("451 4.3.0 lookup failed", CalloutOutcome.Unknown)]
    public void Calls_a_recipient_invalid_only_when_the_refusal_is_about_the_mailbox(string line, CalloutOutcome outcome)
    {
        var code = int.Parse(line[..3], System.Globalization.CultureInfo.InvariantCulture);

        var answer = CalloutDecisions.ForRecipient(new SmtpReply(code, [line[4..]]));

        Assert.Equal(outcome, answer.Outcome);
        Assert.Equal(code, answer.ReplyCode);
        Assert.DoesNotContain("x@example.com", answer.Reason, StringComparison.Ordinal);
    }
}

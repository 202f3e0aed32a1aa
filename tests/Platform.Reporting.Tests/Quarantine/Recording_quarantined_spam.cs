using Platform.Contracts;
using Platform.Reporting.Quarantine;
using Xunit;

namespace Platform.Reporting.Tests.Quarantine;

public sealed class Recording_quarantined_spam
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly SpamRecorded Spam = new("q-1", "offers@spam.test", "Win", 9.5, At, At);

    [Fact]
    public void Makes_the_first_message_of_a_new_recipient_their_first_spam()
    {
        var decision = QuarantineDecisions.Record(new QuarantineState(RecipientKnown: false, MessageKnown: false), Spam);

        Assert.True(decision.IsFirstSpam);
        Assert.Equal(Spam, decision.Recorded);
    }

    [Fact]
    public void Records_later_messages_without_another_first_spam()
    {
        var decision = QuarantineDecisions.Record(new QuarantineState(RecipientKnown: true, MessageKnown: false), Spam);

        Assert.False(decision.IsFirstSpam);
        Assert.Equal(Spam, decision.Recorded);
    }

    [Fact]
    public void Ignores_a_message_already_in_the_quarantine()
    {
        var decision = QuarantineDecisions.Record(new QuarantineState(RecipientKnown: true, MessageKnown: true), Spam);

        Assert.False(decision.IsFirstSpam);
        Assert.Null(decision.Recorded);
    }

    [Theory]
    [InlineData("Example.COM", " Alice@Example.com ", "example.com", "alice@example.com")]
    [InlineData("example.com.", "bob@example.com", "example.com", "bob@example.com")]
    [InlineData("bücher.example", "Anna@BÜCHER.example", "xn--bcher-kva.example", "anna@xn--bcher-kva.example")]
    public void Normalizes_the_recipient(string domain, string email, string expectedDomain, string expectedEmail) =>
        Assert.Equal((expectedDomain, expectedEmail), SpamMessages.Validate(Message(domain, email)));

    [Theory]
    [InlineData("example.com", "not-an-address", "email 'not-an-address'")]
    [InlineData("example.com", "@example.com", "email '@example.com'")]
    [InlineData("example.com", "alice@other.org", "not in example.com")]
    [InlineData("not a domain", "alice@example.com", "domain 'not a domain'")]
    public void Refuses_a_recipient_that_is_not_an_address_of_the_domain(string domain, string email, string reason)
    {
        var error = Assert.Throws<InvalidSpamMessageException>(() => SpamMessages.Validate(Message(domain, email)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_every_problem_of_a_message_it_cannot_record()
    {
        var message = Message("example.com", "alice@example.com") with
        {
            QuarantineId = " ", Sender = null!, Subject = new string('x', 2000), Score = double.NaN, ReceivedAt = default,
        };

        var error = Assert.Throws<InvalidSpamMessageException>(() => SpamMessages.Validate(message));

        foreach (var field in new[] { "quarantineId", "sender", "subject", "score", "receivedAt" })
        {
            Assert.Contains(field, error.Message, StringComparison.Ordinal);
        }

        Assert.IsAssignableFrom<ArgumentException>(error); // not retried: it would fail the same way again
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.PositiveInfinity)]
    public void Refuses_a_score_no_spam_can_have(double score)
    {
        var error = Assert.Throws<InvalidSpamMessageException>(() => SpamMessages.Validate(Message("example.com", "alice@example.com") with { Score = score }));

        Assert.Contains("score must be a finite number of at least 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_a_score_of_zero() => Assert.Equal(("example.com", "alice@example.com"),
        SpamMessages.Validate(Message("example.com", "alice@example.com") with { Score = 0 }));

    private static SpamQuarantined Message(string domain, string email) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = At, Domain = domain, Email = email,
        QuarantineId = "q-1", Sender = "offers@spam.test", Subject = "Win", Score = 9.5, ReceivedAt = At,
    };
}

using Platform.Contracts;
using Platform.Reporting.Quarantine;
using Xunit;

namespace Platform.Reporting.Tests.Quarantine;

public sealed class Recording_quarantined_spam
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Makes_the_first_message_of_a_new_recipient_their_first_spam()
    {
        var decision = QuarantineDecisions.Record(RecipientQuarantine.Initial, streamExists: false, Spam("q-1"));

        Assert.True(decision.IsFirstSpam);
        Assert.Equal([new SpamRecorded("q-1", "offers@spam.test", "Win", 9.5, At)], decision.Events);
    }

    [Fact]
    public void Records_later_messages_without_another_first_spam()
    {
        var state = RecipientQuarantine.Initial.Apply(new SpamRecorded("q-1", "a@spam.test", "x", 5, At));

        var decision = QuarantineDecisions.Record(state, streamExists: true, Spam("q-2"));

        Assert.False(decision.IsFirstSpam);
        Assert.Single(decision.Events);
    }

    [Fact]
    public void Ignores_a_message_already_in_the_quarantine()
    {
        var state = RecipientQuarantine.Initial.Apply(new SpamRecorded("q-1", "a@spam.test", "x", 5, At));

        var decision = QuarantineDecisions.Record(state, streamExists: true, Spam("q-1"));

        Assert.False(decision.IsFirstSpam);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData("Example.COM", " Alice@Example.com ", "example.com", "alice@example.com")]
    [InlineData("example.com.", "bob@example.com", "example.com", "bob@example.com")]
    public void Normalizes_the_recipient(string domain, string email, string expectedDomain, string expectedEmail) =>
        Assert.Equal((expectedDomain, expectedEmail), Recipient.Normalize(domain, email));

    [Theory]
    [InlineData("example.com", "not-an-address")]
    [InlineData("example.com", "@example.com")]
    [InlineData("example.com", "alice@other.org")]
    public void Refuses_a_recipient_that_is_not_an_address_of_the_domain(string domain, string email) =>
        Assert.Throws<ArgumentException>(() => Recipient.Normalize(domain, email));

    private static SpamQuarantined Spam(string quarantineId) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = At, Domain = "example.com", Email = "alice@example.com",
        QuarantineId = quarantineId, Sender = "offers@spam.test", Subject = "Win", Score = 9.5, ReceivedAt = At,
    };
}

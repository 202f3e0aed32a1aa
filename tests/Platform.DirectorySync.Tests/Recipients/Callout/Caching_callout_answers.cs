using Platform.DirectorySync.Recipients.Callout;
using Xunit;

namespace Platform.DirectorySync.Tests.Recipients.Callout;

/// <summary>Answers of the real local SMTP sink, reached through a proxy that counts the dialogs.</summary>
public sealed class Caching_callout_answers : IDisposable
{
    private readonly ProxiedSink _sink = new(["alice"]);

    public void Dispose() => _sink.Dispose();

    [Theory]
    [InlineData("alice", CalloutOutcome.Valid)]
    [InlineData("mallory", CalloutOutcome.Invalid)]
    public async Task Answers_an_address_again_without_asking_the_server(string localPart, CalloutOutcome outcome)
    {
        var callout = _sink.Callout();

        var first = await _sink.VerifyAsync(callout, localPart);
        // Asked again, the server would now answer the other way for either address.
        _sink.Mailboxes.List("mallory");
        var again = await _sink.VerifyAsync(callout, localPart.ToUpperInvariant());

        Assert.Equal((outcome, outcome), (first.Outcome, again.Outcome));
        Assert.Equal(1, _sink.Proxy.Connections);
    }

    [Fact]
    public async Task Asks_again_once_an_answer_has_lived_its_time()
    {
        var options = Callouts.Options();
        var callout = _sink.Callout();

        await _sink.VerifyAsync(callout, "alice");
        _sink.Mailboxes.List();
        _sink.Clock.Now += options.PositiveTtl - TimeSpan.FromSeconds(1);
        var beforeExpiry = await _sink.VerifyAsync(callout, "alice");
        _sink.Clock.Now += TimeSpan.FromSeconds(2);
        var afterExpiry = await _sink.VerifyAsync(callout, "alice");
        _sink.Mailboxes.List("alice");
        _sink.Clock.Now += options.NegativeTtl - TimeSpan.FromSeconds(1);
        var stillInvalid = await _sink.VerifyAsync(callout, "alice");
        _sink.Clock.Now += TimeSpan.FromSeconds(2);
        var validAgain = await _sink.VerifyAsync(callout, "alice");

        Assert.Equal(
            [CalloutOutcome.Valid, CalloutOutcome.Invalid, CalloutOutcome.Invalid, CalloutOutcome.Valid],
            new[] { beforeExpiry, afterExpiry, stillInvalid, validAgain }.Select(a => a.Outcome));
        Assert.Equal(3, _sink.Proxy.Connections);
    }

    [Fact]
    public async Task Keeps_an_unknown_answer_only_for_a_minute()
    {
        var callout = _sink.Callout();
        _sink.Mailboxes.TempFail(true);

        var deferred = await _sink.VerifyAsync(callout, "alice");
        _sink.Mailboxes.TempFail(false);
        var withinTheMinute = await _sink.VerifyAsync(callout, "alice");
        _sink.Clock.Now += TimeSpan.FromMinutes(1);
        var afterIt = await _sink.VerifyAsync(callout, "alice");

        Assert.Equal(
            [CalloutOutcome.Unknown, CalloutOutcome.Unknown, CalloutOutcome.Valid],
            new[] { deferred, withinTheMinute, afterIt }.Select(a => a.Outcome));
        Assert.Equal(2, _sink.Proxy.Connections);
    }

    [Fact]
    public async Task Keeps_no_unknown_answer_when_told_not_to()
    {
        var callout = _sink.Callout(o => o.UnknownTtl = TimeSpan.Zero);
        _sink.Mailboxes.TempFail(true);

        var first = await _sink.VerifyAsync(callout, "alice");
        var second = await _sink.VerifyAsync(callout, "alice");

        Assert.Equal((CalloutOutcome.Unknown, CalloutOutcome.Unknown), (first.Outcome, second.Outcome));
        Assert.Equal(2, _sink.Proxy.Connections);
    }
}

using Platform.DirectorySync.Recipients.Callout;
using Xunit;

namespace Platform.DirectorySync.Tests.Recipients.Callout;

/// <summary>Lookups in bursts, against the real local SMTP sink behind a proxy that counts and slows the dialogs.</summary>
public sealed class Sparing_the_customers_mail_server : IDisposable
{
    private readonly ProxiedSink _sink = new(Enumerable.Range(0, 20).Select(i => $"user{i}"), holdFor: TimeSpan.FromMilliseconds(200));

    public void Dispose() => _sink.Dispose();

    [Fact]
    public async Task Holds_one_dialog_for_concurrent_lookups_of_one_address()
    {
        var callout = _sink.Callout(o => o.MaxConcurrentPerServer = 20);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => _sink.VerifyAsync(callout, "user0"))));

        Assert.All(answers, a => Assert.Equal((CalloutOutcome.Valid, "RCPT TO: 250"), (a.Outcome, a.Reason)));
        Assert.Equal(1, _sink.Proxy.Connections);
    }

    [Fact]
    public async Task Never_holds_more_dialogs_at_once_than_the_limit()
    {
        var callout = _sink.Callout(o => o.MaxConcurrentPerServer = 2);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => _sink.VerifyAsync(callout, $"user{i}"))));

        Assert.All(answers, a => Assert.Equal((CalloutOutcome.Valid, "RCPT TO: 250"), (a.Outcome, a.Reason)));
        Assert.Equal((20, 2), (_sink.Proxy.Connections, _sink.Proxy.PeakOpen));
    }

    [Fact]
    public async Task Lets_a_caller_stop_waiting_without_cutting_the_dialog_short_for_the_others()
    {
        var callout = _sink.Callout();
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var abandoned = _sink.VerifyAsync(callout, "user1", impatient.Token);
        var patient = _sink.VerifyAsync(callout, "user1");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(CalloutOutcome.Valid, (await patient).Outcome);
        Assert.Equal(1, _sink.Proxy.Connections);
    }

    [Fact]
    public async Task Cannot_tell_when_no_dialog_slot_frees_in_time()
    {
        using var silent = new ScriptedSmtpServer();
        var callout = _sink.Callout(o => (o.MaxConcurrentPerServer, o.QueueTimeout, o.CommandTimeout) = (1, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(3)));

        var hanging = callout.VerifyAsync(silent.Server, "first@silent.example", CancellationToken.None);
        var queued = await callout.VerifyAsync(silent.Server, "second@silent.example", CancellationToken.None);

        Assert.Equal(new CalloutAnswer(CalloutOutcome.Unknown, null, "busy: no free callout slot for the server"), queued);
        Assert.False(hanging.IsCompleted);
        Assert.Equal(CalloutOutcome.Unknown, (await hanging).Outcome);
    }
}

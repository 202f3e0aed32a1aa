using Platform.DirectorySync.Recipients.Callout;

namespace Platform.DirectorySync.Tests.Recipients.Callout;

/// <summary>
/// The real local SMTP sink with a domain of the test's own, reached through a <see cref="CountingProxy"/>, and a
/// clock the test moves: what a test of the callout facade needs to count dialogs and let answers age.
/// </summary>
internal sealed class ProxiedSink(IEnumerable<string> localParts, TimeSpan holdFor = default) : IDisposable
{
    public Guard.ManualClock Clock { get; } = Callouts.Clock();

    public MailboxFile Mailboxes { get; } = new([.. localParts]);

    public CountingProxy Proxy { get; } = new(MailboxFile.Sink, holdFor);

    public RecipientCallout Callout(Action<CalloutOptions>? change = null) => Callouts.Facade(Callouts.Options(change), Clock);

    /// <summary>Looks up a mailbox of the test's domain through the proxy.</summary>
    public Task<CalloutAnswer> VerifyAsync(RecipientCallout callout, string localPart, CancellationToken cancellationToken = default) =>
        callout.VerifyAsync(Proxy.Server, Mailboxes.Address(localPart), cancellationToken);

    public void Dispose()
    {
        Proxy.Dispose();
        Mailboxes.Dispose();
    }
}

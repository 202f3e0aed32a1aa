using JasperFx.Events;
using Marten;

namespace Platform.Auth.Accounts;

/// <summary>
/// An account stream fetched for writing in a session of its own: decide on <see cref="State"/>, append to
/// <see cref="Stream"/> (and anything else to <see cref="Session"/>), save the session — which fails with a
/// concurrency conflict when another writer appended since the fetch. Ending it more than once is harmless, so a
/// fetch can be handed on.
/// </summary>
public sealed class AccountWrite(IDocumentSession session, IEventStream<Account> stream) : IAsyncDisposable
{
    private bool _ended;

    public IDocumentSession Session { get; } = session;

    public IEventStream<Account> Stream { get; } = stream;

    /// <summary>The account as fetched (the initial state for an account never seen).</summary>
    public Account State => Stream.Aggregate ?? Account.Initial;

    public async ValueTask DisposeAsync()
    {
        if (!_ended)
        {
            _ended = true;
            await Session.DisposeAsync();
        }
    }
}

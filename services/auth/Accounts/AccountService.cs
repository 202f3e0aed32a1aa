using Marten;
using MassTransit;
using Platform.Outbox.Store;

namespace Platform.Auth.Accounts;

/// <summary>Reads accounts from their Marten snapshots, and records what the registry tells auth about its users.</summary>
public sealed class AccountService(IDocumentStore store, GroupCommits commits, AccountSessions sessions, TimeProvider clock)
{
    /// <summary>The account's snapshot and stream version, fetched for writing by <paramref name="actor"/>.</summary>
    public async Task<AccountWrite> FetchAsync(string domain, string email, string actor, CancellationToken cancellationToken)
    {
        var session = store.LightweightSession();
        try
        {
            session.LastModifiedBy = actor;
            return new AccountWrite(session, await session.Events.FetchForWriting<Account>(AccountStreams.StreamId(domain, email), cancellationToken));
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>The account as of the last commit (the initial state for an account never seen).</summary>
    public async Task<Account> ReadAsync(string domain, string email, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        return await query.LoadAsync<Account>(AccountStreams.StreamId(domain, email), cancellationToken) ?? Account.Initial;
    }

    /// <summary>
    /// Records a registry event on the account, once per message, with other consumers' commits when they come
    /// together; with <paramref name="endSessions"/> (the reason) the user's sessions and open login links end in the
    /// same commit. A redelivery commits nothing; a message whose commit lost a race with a refresh or a link login
    /// fails and is retried, and then ends what is live by then.
    /// </summary>
    public async Task LearnAsync(string domain, string email, AccountEvent learned, ConsumeContext context, string consumer, string? endSessions = null)
    {
        var at = clock.GetUtcNow();
        // Read before the write: a group commit may run the write twice, and it may only record changes.
        var live = endSessions is null ? [] : await sessions.FindLiveAsync(domain, email, at, context.CancellationToken);
        await commits.SaveOnceAsync(session =>
        {
            session.CausedBy(context, consumer, "system:directory-sync");
            session.Events.Append(AccountStreams.StreamId(domain, email), learned);
            AccountSessions.End(session, live, endSessions!, at);
        }, context.CancellationToken);
    }
}

using MassTransit;
using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Sessions;

namespace Platform.Auth.Accounts;

/// <summary>Reads accounts from their snapshot rows, and records what the registry tells auth about its users.</summary>
public sealed class AccountService(EventStore.EventStore store, NpgsqlDataSource data, AccountSessions sessions, TimeProvider clock)
{
    /// <summary>The account's state and stream version (the initial state at version 0 for an account never seen).</summary>
    public async Task<StreamState<Account>> ReadAsync(string domain, string email, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"SELECT state::text, version FROM {store.Options.Schema}.accounts WHERE domain = $1 AND email = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StreamState<Account>(AccountsProjection.Read(reader.GetString(0)), reader.GetInt64(1))
            : new StreamState<Account>(Account.Initial, 0);
    }

    /// <summary>
    /// Records a registry event on the account, once per message; with <paramref name="endSessions"/> (the reason) the
    /// user's sessions and open login links end in the same commit. A redelivery commits nothing; a message whose
    /// commit lost a race with a refresh or a link login fails and is retried, and then ends what is live by then.
    /// </summary>
    public async Task LearnAsync(string domain, string email, object learned, ConsumeContext context, string consumer, string? endSessions = null)
    {
        var session = store.LightweightSession().CausedBy(context, consumer, "system:directory-sync");
        session.Events.Append(AccountStreams.StreamId(domain, email), [learned]);
        if (endSessions is not null)
        {
            await sessions.EndAllAsync(session, domain, email, endSessions, clock.GetUtcNow(), context.CancellationToken);
        }

        await session.SaveChangesOnceAsync(context.CancellationToken);
    }
}

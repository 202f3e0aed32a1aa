using MassTransit;
using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Sessions;

namespace Platform.Auth.Accounts;

/// <summary>Reads accounts from their snapshot rows, and records what the registry tells auth about its users.</summary>
public sealed class AccountService(EventStore.EventStore store, NpgsqlDataSource data)
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

    /// <summary>Records a registry event on the account, once per message.</summary>
    public async Task LearnAsync(string domain, string email, object learned, ConsumeContext context, string consumer)
    {
        var session = store.LightweightSession().CausedBy(context, consumer, "system:directory-sync");
        session.Events.Append(AccountStreams.StreamId(domain, email), [learned]);
        await session.SaveChangesOnceAsync(context.CancellationToken);
    }
}

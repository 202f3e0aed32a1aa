using Npgsql;
using Platform.DirectorySync.Sync;
using Platform.EventStore.Projections;

namespace Platform.DirectorySync.Recipients;

/// <summary>
/// What the read models add to a transaction that changes a domain's recipients: a NOTIFY with the domain, delivered
/// to every replica's <see cref="RecipientIndexRefresher"/> when (and only if) the transaction commits.
/// </summary>
public static class RecipientChanges
{
    public static void Notify(NpgsqlBatch batch, string schema, IEnumerable<string> domains)
    {
        foreach (var domain in domains.Distinct(StringComparer.Ordinal))
        {
            batch.BatchCommands.Add(BatchCommands.Of("SELECT pg_notify($1, $2)", RecipientIndexLoader.Channel(schema), domain));
        }
    }
}

using Marten;

namespace Platform.DirectorySync.Recipients;

/// <summary>
/// What the read models add to a transaction that changes a domain's recipients: a NOTIFY with the domain, delivered
/// to every replica's <see cref="RecipientIndexRefresher"/> when (and only if) the transaction commits.
/// </summary>
public static class RecipientChanges
{
    public static void Notify(IDocumentOperations operations, IEnumerable<string> domains)
    {
        var channel = RecipientIndexLoader.Channel(operations.DocumentStore.Options.DatabaseSchemaName);
        foreach (var domain in domains.Distinct(StringComparer.Ordinal))
        {
            operations.QueueSqlCommand("SELECT pg_notify(?, ?)", channel, domain);
        }
    }
}

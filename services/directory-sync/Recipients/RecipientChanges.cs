using Marten;
using Platform.Outbox.Store;

namespace Platform.DirectorySync.Recipients;

/// <summary>
/// What the read models add to a transaction that changes a domain's recipients: a NOTIFY with the domain, delivered
/// to every replica's <see cref="RecipientIndexRefresher"/> when (and only if) the transaction commits.
/// </summary>
public static class RecipientChanges
{
    public static void Notify(IDocumentOperations operations, IEnumerable<string> domains) =>
        operations.Notify(RecipientIndexLoader.Channel(operations.DocumentStore.Options.DatabaseSchemaName), domains);
}

using Marten;
using Marten.Services;
using Npgsql;
using Weasel.Core;
using Weasel.Storage;

namespace Platform.Outbox.Store;

/// <summary>
/// <c>COMMIT</c> as the last statement of a Marten unit of work that runs in a transaction of ours, in the round trip
/// of its writes instead of one of its own. A session listener queues it when the session is saved: after Marten has
/// queued its appends and inline projections and sorted its operations, and after the store's listeners. A statement
/// after it would run outside the transaction, so the operation refuses to be written anywhere but last, and the
/// commit then fails before anything is sent.
/// </summary>
/// <remarks>
/// The session must not commit the transaction itself (<c>shouldAutoCommit: false</c>, as <see cref="In"/> sets).
/// Npgsql reads the end of the transaction from the server's answer: the transaction object counts as completed and
/// is not rolled back when disposed. A statement that fails before the <c>COMMIT</c> makes PostgreSQL skip the rest of the batch, the
/// <c>COMMIT</c> included; disposing the transaction then rolls it back. Marten runs a session's transaction
/// participants (<c>AddTransactionParticipant</c>, which its daemon's rebuilds use) after the batch, so after this
/// <c>COMMIT</c>: a session that registers one must commit the usual way.
/// </remarks>
internal sealed class CommitInBatch : DocumentSessionListenerBase
{
    private static readonly CommitInBatch Instance = new();

    /// <summary>Options for a session in <paramref name="transaction"/> that leaves its commit to its batch.</summary>
    public static SessionOptions In(NpgsqlTransaction transaction)
    {
        var options = SessionOptions.ForTransaction(transaction, shouldAutoCommit: false);
        options.Listeners.Add(Instance);
        return options;
    }

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        session.QueueOperation(new CommitOperation());
        return Task.CompletedTask;
    }

    private sealed class CommitOperation : StatementOperation
    {
        // Not a document: Marten keeps operations on StorageFeatures in the order they were queued.
        public override Type DocumentType => typeof(Marten.Storage.StorageFeatures);

        public override void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
        {
            if (session is not IDocumentSession documents || !ReferenceEquals(documents.PendingChanges.Operations().LastOrDefault(), this))
            {
                throw new InvalidOperationException("COMMIT must be the last statement of the unit of work.");
            }

            builder.Append("COMMIT");
        }
    }
}

using System.Data.Common;
using Weasel.Core;
using Weasel.Storage;

namespace Platform.Outbox.Store;

/// <summary>
/// Statements of ours in a Marten unit of work that return no rows and say so (<see cref="NoDataReturnedCall"/>):
/// Marten would otherwise step past a result for them and hand the next operation's result to the one after.
/// </summary>
internal abstract class StatementOperation : Weasel.Storage.IStorageOperation, NoDataReturnedCall
{
    /// <summary>The phase Marten writes the statement in: <c>StorageFeatures</c> (no document) keeps it in the order it
    /// was queued among the other operations; <c>IEvent</c> puts it with the event appends.</summary>
    public abstract Type DocumentType { get; }

    public abstract void ConfigureCommand(ICommandBuilder builder, IStorageSession session);

    public OperationRole Role() => OperationRole.Other;

    public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;
}

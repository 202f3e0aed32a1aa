using JasperFx.Events;
using Weasel.Core;
using Weasel.Storage;

namespace Platform.Outbox.Store;

/// <summary>
/// <c>SET LOCAL lock_timeout</c> as the first statement of a Marten unit of work, in its round trip. Marten writes the
/// operations of its event phase first, in the order they were queued, and event appends are queued only when the
/// session is saved: an operation of that phase (<see cref="DocumentType"/> <see cref="IEvent"/>, as Marten's own
/// stream archiving is) queued before any write is recorded therefore runs before every statement that could wait for
/// a lock. <c>Committing_writes_in_groups.Lets_unrelated_writes_commit_while_one_waits_for_a_row_another_transaction_holds</c>
/// fails if it does not.
/// </summary>
internal sealed class LockTimeoutOperation(string timeout) : StatementOperation
{
    public override Type DocumentType => typeof(IEvent);

    public override void ConfigureCommand(ICommandBuilder builder, IStorageSession session) => builder.Append($"SET LOCAL lock_timeout = '{timeout}'");
}

using System.Data.Common;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Core;
using Weasel.Storage;

namespace Platform.Outbox.Store;

/// <summary>
/// NOTIFY in a Marten unit of work: delivered to the listeners when (and only if) the transaction commits.
/// </summary>
public static class SessionNotifications
{
    /// <summary>Queues one <c>pg_notify(channel, payload)</c> per distinct payload, as one statement.</summary>
    public static void Notify(this IDocumentOperations operations, string channel, IEnumerable<string> payloads)
    {
        var distinct = payloads.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length > 0)
        {
            operations.QueueOperation(new NotifyOperation(channel, distinct));
        }
    }

    /// <summary>
    /// <c>SELECT pg_notify(…)</c> returns a row: the operation reads past it, as Marten expects of an operation that
    /// does not say it returns nothing (a plain <c>QueueSqlCommand</c> does say so, and the next operation would read
    /// this row as its own result).
    /// </summary>
    private sealed class NotifyOperation(string channel, string[] payloads) : Weasel.Storage.IStorageOperation
    {
        public Type DocumentType => typeof(Marten.Storage.StorageFeatures);

        public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
        {
            var parameters = builder.AppendWithDbParameters("SELECT pg_notify(?, p) FROM unnest(?::text[]) AS p");
            parameters[0].Value = channel;
            var npgsql = (NpgsqlParameter)parameters[1];
            npgsql.NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text;
            npgsql.Value = payloads;
        }

        public OperationRole Role() => OperationRole.Other;

        public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;
    }
}

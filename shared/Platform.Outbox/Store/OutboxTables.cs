using Weasel.Core;
using Weasel.Postgresql.Tables;

namespace Platform.Outbox.Store;

/// <summary>
/// The tables Marten does not have: the outbox the relay drains, the rows it could not read, and the inbox of
/// handled messages. Declared to Marten as extra schema objects, so its own migration creates and upgrades them with
/// the event tables, in the service's schema.
/// </summary>
public static class OutboxTables
{
    public static IReadOnlyList<ISchemaObject> For(string schema) => [Outbox(schema), DeadLetters(schema), Inbox(schema)];

    private static Table Outbox(string schema)
    {
        var table = new Table($"{schema}.outbox");
        table.AddColumn<long>("seq").BigAutoIncrement().AsPrimaryKey();
        table.AddColumn<Guid>("message_id").NotNull();
        table.AddColumn<string>("message_type").NotNull();
        table.AddColumn("body", "jsonb").NotNull();
        table.AddColumn<string>("stream_id");
        table.AddColumn<Guid>("correlation_id");
        table.AddColumn<string>("traceparent");
        table.AddColumn<string>("tracestate");
        table.AddColumn("created_at", "timestamptz").NotNull().DefaultValueByExpression("now()");
        table.AddColumn("published_at", "timestamptz");
        table.AddColumn<int>("attempts").NotNull().DefaultValueByExpression("0");
        table.AddColumn<string>("last_error");
        table.Indexes.Add(new IndexDefinition("outbox_message_id") { Columns = ["message_id"], IsUnique = true });
        // The relay reads pending rows in order: an index of only those stays small however long published rows are kept.
        table.Indexes.Add(new IndexDefinition("outbox_pending") { Columns = ["seq"], Predicate = "published_at IS NULL" });
        return table;
    }

    // An outbox row the relay cannot read (a type it does not know, a body that does not fit the type) is moved here
    // instead of holding back every message after it; docs/operations.md says how to re-drive it.
    private static Table DeadLetters(string schema)
    {
        var table = new Table($"{schema}.outbox_dead_letters");
        table.AddColumn<long>("seq").AsPrimaryKey();
        table.AddColumn<Guid>("message_id").NotNull();
        table.AddColumn<string>("message_type").NotNull();
        table.AddColumn("body", "jsonb").NotNull();
        table.AddColumn<string>("stream_id");
        table.AddColumn<Guid>("correlation_id");
        table.AddColumn<string>("traceparent");
        table.AddColumn<string>("tracestate");
        table.AddColumn("created_at", "timestamptz").NotNull();
        table.AddColumn("dead_lettered_at", "timestamptz").NotNull().DefaultValueByExpression("now()");
        table.AddColumn<string>("error").NotNull();
        return table;
    }

    /// <summary>Its primary key is the de-duplication: a second commit of the same (consumer, message) fails.</summary>
    private static Table Inbox(string schema)
    {
        var table = new Table($"{schema}.inbox");
        table.AddColumn<string>("consumer").AsPrimaryKey();
        table.AddColumn<Guid>("message_id").AsPrimaryKey();
        table.AddColumn("processed_at", "timestamptz").NotNull().DefaultValueByExpression("now()");
        table.PrimaryKeyName = "inbox_pkey";
        return table;
    }
}

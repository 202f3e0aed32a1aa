using JasperFx.Events;
using Marten;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.DirectorySync.Recipients.Settings;

/// <summary>The domains that verify recipients by callout, and their mail server (table <c>callout_servers</c>).</summary>
public sealed class CalloutProjection : TableProjection
{
    public override string Name => "callout_servers";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.callout_servers");
        table.AddColumn<string>("domain").AsPrimaryKey();
        table.AddColumn<string>("host").NotNull();
        table.AddColumn<int>("port").NotNull();
        yield return table;
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case CalloutConfigured c:
                    operations.QueueSqlCommand($"""
                        INSERT INTO {schema}.callout_servers (domain, host, port) VALUES (?, ?, ?)
                        ON CONFLICT (domain) DO UPDATE SET host = EXCLUDED.host, port = EXCLUDED.port
                        """, c.Domain, c.Host, c.Port);
                    RecipientChanges.Notify(operations, [c.Domain]);
                    break;
                case CalloutRemoved r:
                    operations.QueueSqlCommand($"DELETE FROM {schema}.callout_servers WHERE domain = ?", r.Domain);
                    RecipientChanges.Notify(operations, [r.Domain]);
                    break;
            }
        }

        return Task.CompletedTask;
    }
}

using JasperFx.Events;
using Marten;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.DirectorySync.Testing;

/// <summary>A domain's connection tests (table <c>connection_tests</c>), newest first beside the sync history.</summary>
public sealed class ConnectionTestHistoryProjection : TableProjection
{
    public override string Name => "connection_tests";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.connection_tests");
        table.AddColumn<Guid>("test_id").AsPrimaryKey();
        table.AddColumn<string>("domain").NotNull();
        table.AddColumn<string>("tested_by").NotNull();
        table.AddColumn("tested_at", "timestamptz").NotNull();
        table.AddColumn<string>("source").NotNull();
        table.AddColumn<string>("host").NotNull();
        table.AddColumn<int>("port").NotNull();
        table.AddColumn<string>("security").NotNull();
        table.AddColumn<string>("failover_host");
        table.AddColumn<string>("result").NotNull();
        table.AddColumn<string>("code");
        table.AddColumn<string>("failover_result");
        table.AddColumn<string>("failover_code");
        table.Indexes.Add(new IndexDefinition("connection_tests_domain") { Columns = ["domain", "tested_at"] });
        yield return table;
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        foreach (var e in events.Select(r => r.Data).OfType<ConnectionTestRecorded>())
        {
            operations.QueueSqlCommand($"""
                INSERT INTO {schema}.connection_tests (test_id, domain, tested_by, tested_at, source, host, port, security, failover_host,
                    result, code, failover_result, failover_code)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (test_id) DO NOTHING
                """, e.TestId, e.Domain, e.TestedBy, e.At, e.Source, e.Host, e.Port, e.Security, e.FailoverHost!, e.Result,
                e.Code!, e.FailoverResult!, e.FailoverCode!);
        }

        return Task.CompletedTask;
    }
}

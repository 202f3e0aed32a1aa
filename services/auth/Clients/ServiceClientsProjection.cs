using JasperFx.Events;
using Marten;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.Auth.Clients;

/// <summary>Machine credentials by id (table <c>service_clients</c>), as the token endpoint reads them.</summary>
public sealed class ServiceClientsProjection : TableProjection
{
    public override string Name => "service_clients";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.service_clients");
        table.AddColumn<string>("client_id").AsPrimaryKey();
        table.AddColumn<string>("name").NotNull();
        table.AddColumn<string>("role").NotNull();
        table.AddColumn<string>("secret_hash").NotNull();
        table.AddColumn<string>("created_by").NotNull();
        table.AddColumn("created_at", "timestamptz").NotNull();
        table.AddColumn("revoked_at", "timestamptz");
        table.AddColumn<long>("version").NotNull();
        yield return table;
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case ServiceClientCreated c:
                    operations.QueueSqlCommand($"""
                        INSERT INTO {schema}.service_clients (client_id, name, role, secret_hash, created_by, created_at, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, c.ClientId, c.Name, c.Role, c.SecretHash, c.By, c.At, e.Version);
                    break;
                case ServiceClientRevoked r:
                    operations.QueueSqlCommand($"UPDATE {schema}.service_clients SET revoked_at = ?, version = ? WHERE client_id = ?",
                        r.At, e.Version, e.StreamKey!["client/".Length..]);
                    break;
            }
        }

        return Task.CompletedTask;
    }
}

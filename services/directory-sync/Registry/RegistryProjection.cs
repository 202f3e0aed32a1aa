using JasperFx.Events;
using Marten;
using Platform.DirectorySync.Recipients;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.DirectorySync.Registry;

/// <summary>
/// The registry of email users (table <c>registry_users</c>), one row per (domain, address), updated in the
/// transaction that records each change: what the users API lists and what recipient verification reads. A deleted
/// user keeps their row, marked, until a source registers them again. <c>version</c> is the stream's version, so a
/// writer can append without reading the stream (registry streams are always written at the version read, so the
/// version is known before the commit).
/// </summary>
public sealed class RegistryProjection : TableProjection
{
    public override string Name => "registry_users";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.registry_users");
        table.AddColumn<string>("domain").AsPrimaryKey();
        table.AddColumn<string>("email").AsPrimaryKey();
        table.AddColumn<string>("source").NotNull();
        table.AddColumn<string>("status").NotNull();
        table.AddColumn("first_seen", "timestamptz").NotNull();
        table.AddColumn("last_login", "timestamptz");
        table.AddColumn("deleted_at", "timestamptz");
        table.AddColumn<long>("version").NotNull();
        yield return table;
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        // Consecutive registrations (an import) become one multi-row upsert; anything else keeps its order.
        var registered = new List<(UserRegistered Event, long Version)>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case UserRegistered registration:
                    registered.Add((registration, e.Version));
                    break;
                case RegistryEvent other:
                    Flush(operations, schema, registered);
                    Update(operations, schema, other, e.Version);
                    break;
            }
        }

        Flush(operations, schema, registered);
        RecipientChanges.Notify(operations, events.Select(e => e.Data switch
        {
            UserRegistered r => r.Domain,
            RegistryUserDeleted d => d.Domain,
            _ => null,
        }).OfType<string>());
        return Task.CompletedTask;
    }

    private static void Flush(IDocumentOperations operations, string schema, List<(UserRegistered Event, long Version)> registered)
    {
        if (registered.Count == 0)
        {
            return;
        }

        operations.QueueSqlCommand($"""
            INSERT INTO {schema}.registry_users (domain, email, source, status, first_seen, version)
            SELECT u.domain, u.email, u.source, 'active', u.at, u.version
            FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::bigint[]) AS u(domain, email, source, at, version)
            ON CONFLICT (domain, email) DO UPDATE SET source = EXCLUDED.source, status = 'active', first_seen = EXCLUDED.first_seen,
                last_login = NULL, deleted_at = NULL, version = EXCLUDED.version
            """,
            registered.Select(r => r.Event.Domain).ToArray(), registered.Select(r => r.Event.Email).ToArray(),
            registered.Select(r => r.Event.Source).ToArray(), registered.Select(r => r.Event.At).ToArray(),
            registered.Select(r => r.Version).ToArray());
        registered.Clear();
    }

    private static void Update(IDocumentOperations operations, string schema, RegistryEvent e, long version)
    {
        switch (e)
        {
            case UserStatusSet s:
                operations.QueueSqlCommand($"UPDATE {schema}.registry_users SET status = ?, version = ? WHERE domain = ? AND email = ?",
                    s.Status, version, s.Domain, s.Email);
                break;
            case UserLoggedIn l:
                operations.QueueSqlCommand($"UPDATE {schema}.registry_users SET last_login = ?, version = ? WHERE domain = ? AND email = ?",
                    l.At, version, l.Domain, l.Email);
                break;
            case RegistryUserDeleted d:
                operations.QueueSqlCommand($"UPDATE {schema}.registry_users SET deleted_at = ?, version = ? WHERE domain = ? AND email = ?",
                    d.At, version, d.Domain, d.Email);
                break;
        }
    }
}

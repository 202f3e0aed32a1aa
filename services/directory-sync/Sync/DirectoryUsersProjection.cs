using JasperFx.Events;
using Marten;
using Platform.DirectorySync.Recipients;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// The managed list of directory users (table <c>directory_users</c>), updated in the transaction that records each
/// change: what a sync diffs against, read a domain at a time by its primary key. Removed users keep their row,
/// marked. It carries no index by address: an import writes every row, and lookups by address belong to the
/// address registry, not to this list.
/// </summary>
public sealed class DirectoryUsersProjection : TableProjection
{
    public override string Name => "directory_users";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.directory_users");
        table.AddColumn<string>("domain").AsPrimaryKey();
        table.AddColumn<string>("directory_id").AsPrimaryKey();
        table.AddColumn<string>("dn").NotNull();
        table.AddColumn<string>("email").NotNull();
        table.AddColumn<string[]>("aliases").NotNull().DefaultValueByExpression("'{}'");
        table.AddColumn<string>("display_name");
        table.AddColumn<bool>("disabled").NotNull().DefaultValueByExpression("false");
        table.AddColumn("removed_at", "timestamptz");
        table.AddColumn("updated_at", "timestamptz").NotNull();
        yield return table;
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        var domains = new List<string>();
        foreach (var e in events)
        {
            if (e.Data is DirectoryUsersChanged changed)
            {
                Apply(operations, schema, changed);
                domains.Add(changed.Domain);
            }
        }

        if (domains.Count > 0)
        {
            RecipientChanges.Notify(operations, domains);
        }

        return Task.CompletedTask;
    }

    /// <summary>Consecutive additions (an import) become one multi-row upsert; anything else keeps its order, one by one.</summary>
    private static void Apply(IDocumentOperations operations, string schema, DirectoryUsersChanged changed)
    {
        var added = new List<DirectoryUserAdded>();
        foreach (var change in changed.Changes)
        {
            if (change is DirectoryUserAdded addition)
            {
                added.Add(addition);
                continue;
            }

            Flush(operations, schema, changed, added);
            Update(operations, schema, changed, change);
        }

        Flush(operations, schema, changed, added);
    }

    private static void Flush(IDocumentOperations operations, string schema, DirectoryUsersChanged changed, List<DirectoryUserAdded> added)
    {
        if (added.Count == 0)
        {
            return;
        }

        // Aliases travel as one newline-separated text per user (unnest cannot take an array of arrays of different
        // lengths); an address never contains a line break, and an empty text is an empty array.
        operations.QueueSqlCommand($"""
            INSERT INTO {schema}.directory_users (domain, directory_id, dn, email, aliases, display_name, disabled, removed_at, updated_at)
            SELECT ?, u.directory_id, u.dn, u.email, string_to_array(u.aliases, E'\n'), u.display_name, u.disabled, NULL, ?::timestamptz
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[])
                AS u(directory_id, dn, email, aliases, display_name, disabled)
            ON CONFLICT (domain, directory_id) DO UPDATE SET dn = EXCLUDED.dn, email = EXCLUDED.email, aliases = EXCLUDED.aliases,
                display_name = EXCLUDED.display_name, disabled = EXCLUDED.disabled, removed_at = NULL, updated_at = EXCLUDED.updated_at
            """,
            changed.Domain, changed.At, added.Select(a => a.DirectoryId).ToArray(), added.Select(a => a.Dn).ToArray(),
            added.Select(a => a.Email).ToArray(), added.Select(a => string.Join('\n', a.Aliases)).ToArray(),
            added.Select(a => a.DisplayName).ToArray(), added.Select(a => a.Disabled).ToArray());
        added.Clear();
    }

    private static void Update(IDocumentOperations operations, string schema, DirectoryUsersChanged changed, DirectoryUserChange change)
    {
        switch (change)
        {
            case DirectoryUserChanged c:
                operations.QueueSqlCommand($"""
                    UPDATE {schema}.directory_users SET dn = ?, email = ?, aliases = ?, display_name = ?, updated_at = ?
                    WHERE domain = ? AND directory_id = ?
                    """, c.Dn, c.Email, c.Aliases.ToArray(), c.DisplayName!, changed.At, changed.Domain, c.DirectoryId);
                break;
            case DirectoryUserDisabled d:
                operations.QueueSqlCommand($"UPDATE {schema}.directory_users SET disabled = true, updated_at = ? WHERE domain = ? AND directory_id = ?",
                    changed.At, changed.Domain, d.DirectoryId);
                break;
            case DirectoryUserEnabled n:
                operations.QueueSqlCommand($"UPDATE {schema}.directory_users SET disabled = false, updated_at = ? WHERE domain = ? AND directory_id = ?",
                    changed.At, changed.Domain, n.DirectoryId);
                break;
            case DirectoryUserRemoved r:
                operations.QueueSqlCommand($"UPDATE {schema}.directory_users SET removed_at = ?, updated_at = ? WHERE domain = ? AND directory_id = ?",
                    changed.At, changed.At, changed.Domain, r.DirectoryId);
                break;
        }
    }
}

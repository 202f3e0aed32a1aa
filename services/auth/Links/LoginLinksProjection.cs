using JasperFx.Events;
using Marten;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.Auth.Links;

/// <summary>Login links by token hash (table <c>login_links</c>), with their request's stream version for the single use.</summary>
public sealed class LoginLinksProjection : TableProjection
{
    public override string Name => "login_links";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.login_links");
        table.AddColumn<string>("token_hash").AsPrimaryKey();
        table.AddColumn<Guid>("request_id").NotNull();
        table.AddColumn<string>("domain").NotNull();
        table.AddColumn<string>("email").NotNull();
        table.AddColumn<string>("purpose").NotNull();
        table.AddColumn("expires_at", "timestamptz").NotNull();
        table.AddColumn("used_at", "timestamptz");
        table.AddColumn<bool>("superseded").NotNull().DefaultValueByExpression("false");
        table.AddColumn<long>("version").NotNull();
        table.Indexes.Add(new IndexDefinition("login_links_request") { Columns = ["request_id"] });
        table.Indexes.Add(new IndexDefinition("login_links_user") { Columns = ["domain", "email"] });
        yield return table;
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        var created = new List<(LoginLinkCreated Link, IEvent Event)>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                // A redelivered request's link in the same slice waits for the statement that supersedes the earlier one.
                case LoginLinkCreated c when created.Exists(earlier => earlier.Link.RequestId == c.RequestId):
                    Insert(operations, schema, created);
                    created = [(c, e)];
                    break;
                case LoginLinkCreated c:
                    created.Add((c, e));
                    break;
                case LoginLinkVoided v:
                    Insert(operations, schema, created);
                    created = [];
                    operations.QueueSqlCommand($"UPDATE {schema}.login_links SET superseded = true, version = ? WHERE token_hash = ?", e.Version, v.TokenHash);
                    break;
                case LoginLinkUsed u:
                    Insert(operations, schema, created);
                    created = [];
                    operations.QueueSqlCommand($"UPDATE {schema}.login_links SET used_at = ?, version = ? WHERE token_hash = ?", u.At, e.Version, u.TokenHash);
                    break;
            }
        }

        Insert(operations, schema, created);
        return Task.CompletedTask;
    }

    /// <summary>
    /// New links, in one statement for many (a group commit issues many), each ending any earlier link of its request
    /// (a redelivered request supersedes what it got before). A link is appended at no expected version, and Marten's
    /// quick append numbers such events only in the database: the version is read from the event's row (written
    /// earlier in the same batch), one lookup per link in the index on stream and version — a join let the planner
    /// scan all of <c>mt_events</c> for every statement, a cost growing with every event the service ever stored. The earlier links
    /// are found by request id, one index lookup each; the update sees the table as it was before the statement.
    /// </summary>
    private static void Insert(IDocumentOperations operations, string schema, List<(LoginLinkCreated Link, IEvent Event)> created)
    {
        if (created.Count == 0)
        {
            return;
        }

        operations.QueueSqlCommand($"""
            WITH created AS (
                SELECT c.*, (SELECT e.version FROM {schema}.mt_events e WHERE e.stream_id = c.stream_id AND e.id = c.event_id) AS version
                FROM unnest(?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::uuid[])
                    AS c(token_hash, request_id, domain, email, purpose, expires_at, stream_id, event_id)),
            superseded AS (
                UPDATE {schema}.login_links l
                SET superseded = true, version = (SELECT max(c.version) FROM created c WHERE c.request_id = l.request_id)
                WHERE l.token_hash = ANY (ARRAY(
                    SELECT earlier.token_hash FROM created c
                    CROSS JOIN LATERAL (SELECT token_hash FROM {schema}.login_links WHERE request_id = c.request_id OFFSET 0) earlier)))
            INSERT INTO {schema}.login_links (token_hash, request_id, domain, email, purpose, expires_at, version)
            SELECT token_hash, request_id, domain, email, purpose, expires_at, version FROM created
            """,
            created.Select(c => c.Link.TokenHash).ToArray(), created.Select(c => c.Link.RequestId).ToArray(), created.Select(c => c.Link.Domain).ToArray(),
            created.Select(c => c.Link.Email).ToArray(), created.Select(c => c.Link.Purpose).ToArray(), created.Select(c => c.Link.ExpiresAt).ToArray(),
            created.Select(c => c.Event.StreamKey!).ToArray(), created.Select(c => c.Event.Id).ToArray());
    }
}

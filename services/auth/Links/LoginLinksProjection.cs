using Npgsql;
using Platform.Auth.Tokens;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.Auth.Links;

/// <summary>Login links by token hash (table <c>login_links</c>), with their request's stream version for the single use.</summary>
public sealed class LoginLinksProjection(string schema) : IProjection
{
    // Each new link, and the end of any earlier link of its request (a redelivered request supersedes what it got
    // before). The earlier links are found by request id, one index lookup each, and then by their primary key: a
    // join of the table with the new rows could be planned as a scan of the whole table. The update sees the table
    // as it was before the statement: not the links it inserts.
    private readonly RowShape _created = new($"""
        WITH created AS (
            SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::bigint[])
                AS c(token_hash, request_id, domain, email, purpose, expires_at, version)),
        superseded AS (
            UPDATE {schema}.login_links l
            SET superseded = true, version = (SELECT max(c.version) FROM created c WHERE c.request_id = l.request_id)
            WHERE l.token_hash = ANY (ARRAY(
                SELECT earlier.token_hash FROM created c
                CROSS JOIN LATERAL (SELECT token_hash FROM {schema}.login_links WHERE request_id = c.request_id OFFSET 0) earlier)))
        INSERT INTO {schema}.login_links (token_hash, request_id, domain, email, purpose, expires_at, version)
        SELECT token_hash, request_id, domain, email, purpose, expires_at, version FROM created
        """, [typeof(string), typeof(Guid), typeof(string), typeof(string), typeof(string), typeof(DateTimeOffset), typeof(long)], key: 1);

    public string Name => "login_links";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.login_links (
                token_hash text COLLATE "C" PRIMARY KEY,
                request_id uuid NOT NULL,
                domain text NOT NULL,
                email text NOT NULL,
                purpose text NOT NULL,
                expires_at timestamptz NOT NULL,
                used_at timestamptz,
                superseded boolean NOT NULL DEFAULT false,
                version bigint NOT NULL);
            CREATE INDEX IF NOT EXISTS login_links_request ON {schema}.login_links (request_id);
            CREATE INDEX IF NOT EXISTS login_links_user ON {schema}.login_links (domain, email);
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case LoginLinkCreated c:
                    writes.AddRow(_created, c.TokenHash, c.RequestId, c.Domain, c.Email, c.Purpose, c.ExpiresAt, e.Version);
                    break;
                case LoginLinkVoided v:
                    writes.Add(BatchCommands.Of(
                        $"UPDATE {schema}.login_links SET superseded = true, version = $2 WHERE token_hash = $1", v.TokenHash, e.Version));
                    break;
                case LoginLinkUsed u:
                    writes.Add(BatchCommands.Of(
                        $"UPDATE {schema}.login_links SET used_at = $2, version = $3 WHERE token_hash = $1", u.TokenHash, u.At, e.Version));
                    break;
            }
        }

        return Task.CompletedTask;
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.login_links", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

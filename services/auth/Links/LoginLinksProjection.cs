using Npgsql;
using Platform.Auth.Tokens;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.Auth.Links;

/// <summary>Login links by token hash (table <c>login_links</c>), with their request's stream version for the single use.</summary>
public sealed class LoginLinksProjection(string schema) : IProjection
{
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
                    writes.Add(BatchCommands.Of(
                        $"UPDATE {schema}.login_links SET superseded = true, version = $2 WHERE request_id = $1", c.RequestId, e.Version));
                    writes.Add(BatchCommands.Of($"""
                        INSERT INTO {schema}.login_links (token_hash, request_id, domain, email, purpose, expires_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        """, c.TokenHash, c.RequestId, c.Domain, c.Email, c.Purpose, c.ExpiresAt, e.Version));
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

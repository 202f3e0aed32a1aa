using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.Auth.Tokens;

/// <summary>
/// Refresh tokens by hash (table <c>refresh_tokens</c>) with their session's state: a spent token keeps its row
/// (marked <c>spent_at</c>) so that its reuse is recognised and revokes the session.
/// </summary>
public sealed class SessionsProjection(string schema) : IProjection
{
    public string Name => "refresh_tokens";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.refresh_tokens (
                token_hash text COLLATE "C" PRIMARY KEY,
                session_id uuid NOT NULL,
                domain text NOT NULL,
                email text NOT NULL,
                methods text[] NOT NULL,
                expires_at timestamptz NOT NULL,
                spent_at timestamptz,
                revoked_at timestamptz,
                version bigint NOT NULL);
            CREATE INDEX IF NOT EXISTS refresh_tokens_session ON {schema}.refresh_tokens (session_id);
            ALTER TABLE {schema}.refresh_tokens ADD COLUMN IF NOT EXISTS started_at timestamptz;
            CREATE INDEX IF NOT EXISTS refresh_tokens_user ON {schema}.refresh_tokens (domain, email) WHERE revoked_at IS NULL;
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case SessionStarted s:
                    writes.Add(BatchCommands.Of($"""
                        INSERT INTO {schema}.refresh_tokens (token_hash, session_id, domain, email, methods, expires_at, started_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                        """, s.TokenHash, s.SessionId, s.Domain, s.Email, s.Methods.ToArray(), s.ExpiresAt, s.At, e.Version));
                    break;
                case SessionRefreshed r:
                    writes.Add(BatchCommands.Of($"UPDATE {schema}.refresh_tokens SET spent_at = $2 WHERE token_hash = $1", r.UsedHash, r.At));
                    writes.Add(BatchCommands.Of($"""
                        INSERT INTO {schema}.refresh_tokens (token_hash, session_id, domain, email, methods, expires_at, started_at, version)
                        SELECT $2, session_id, domain, email, methods, $3, started_at, $4 FROM {schema}.refresh_tokens WHERE token_hash = $1
                        """, r.UsedHash, r.TokenHash, r.ExpiresAt, e.Version));
                    writes.Add(BatchCommands.Of($"UPDATE {schema}.refresh_tokens SET version = $2 WHERE session_id = $1", SessionId(e.StreamId), e.Version));
                    break;
                case SessionRevoked v:
                    writes.Add(BatchCommands.Of($"UPDATE {schema}.refresh_tokens SET revoked_at = $2, version = $3 WHERE session_id = $1",
                        SessionId(e.StreamId), v.At, e.Version));
                    break;
            }
        }

        return Task.CompletedTask;
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.refresh_tokens", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Guid SessionId(string streamId) => Guid.ParseExact(streamId["session/".Length..], "N");
}

using JasperFx.Events;
using Marten;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.Auth.Tokens;

/// <summary>
/// Refresh tokens by hash (table <c>refresh_tokens</c>) with their session's state and stream version: a spent token
/// keeps its row (marked <c>spent_at</c>) so that its reuse is recognised and revokes the session.
/// </summary>
public sealed class SessionsProjection : TableProjection
{
    public override string Name => "refresh_tokens";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.refresh_tokens");
        table.AddColumn<string>("token_hash").AsPrimaryKey();
        table.AddColumn<Guid>("session_id").NotNull();
        table.AddColumn<string>("domain").NotNull();
        table.AddColumn<string>("email").NotNull();
        table.AddColumn("methods", "text[]").NotNull();
        table.AddColumn("expires_at", "timestamptz").NotNull();
        table.AddColumn("spent_at", "timestamptz");
        table.AddColumn("revoked_at", "timestamptz");
        table.AddColumn<long>("version").NotNull();
        table.AddColumn("started_at", "timestamptz");
        table.Indexes.Add(new IndexDefinition("refresh_tokens_session") { Columns = ["session_id"] });
        table.Indexes.Add(new IndexDefinition("refresh_tokens_user") { Columns = ["domain", "email"], Predicate = "revoked_at IS NULL" });
        yield return table;
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case SessionStarted s:
                    operations.QueueSqlCommand($"""
                        INSERT INTO {schema}.refresh_tokens (token_hash, session_id, domain, email, methods, expires_at, started_at, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, s.TokenHash, s.SessionId, s.Domain, s.Email, s.Methods.ToArray(), s.ExpiresAt, s.At, e.Version);
                    break;
                case SessionRefreshed r:
                    operations.QueueSqlCommand($"UPDATE {schema}.refresh_tokens SET spent_at = ? WHERE token_hash = ?", r.At, r.UsedHash);
                    operations.QueueSqlCommand($"""
                        INSERT INTO {schema}.refresh_tokens (token_hash, session_id, domain, email, methods, expires_at, started_at, version)
                        SELECT ?, session_id, domain, email, methods, ?, started_at, ? FROM {schema}.refresh_tokens WHERE token_hash = ?
                        """, r.TokenHash, r.ExpiresAt, e.Version, r.UsedHash);
                    operations.QueueSqlCommand($"UPDATE {schema}.refresh_tokens SET version = ? WHERE session_id = ?", e.Version, SessionId(e.StreamKey!));
                    break;
                case SessionRevoked v:
                    operations.QueueSqlCommand($"UPDATE {schema}.refresh_tokens SET revoked_at = ?, version = ? WHERE session_id = ?",
                        v.At, e.Version, SessionId(e.StreamKey!));
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private static Guid SessionId(string streamId) => Guid.ParseExact(streamId["session/".Length..], "N");
}

using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Outbox.Store;
using Platform.Security.Tokens;

namespace Platform.Auth.Tokens;

/// <summary>
/// Hands out an access token and a rotating refresh token per login session. A refresh token is good once: using it
/// spends it and gives the next; a spent one coming back means it was copied, and the whole session is revoked.
/// </summary>
public sealed class TokenService(
    PlatformTokenIssuer issuer, IDocumentStore store, NpgsqlDataSource data, IOptions<TokenOptions> options, TimeProvider clock)
{
    private readonly TokenOptions _options = options.Value;

    /// <summary>Starts a session in <paramref name="session"/> (committed with the login's own events) and its first tokens.</summary>
    public TokenResponse Start(IDocumentSession session, string domain, string email, IReadOnlyList<string> methods)
    {
        var refresh = RefreshTokens.New();
        var at = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        var expires = _options.RefreshExpiry(at, at);
        session.Events.StartStream(SessionStarted.StreamId(id), new SessionStarted(id, domain, email, methods, RefreshTokens.Hash(refresh), expires, at));
        return Response(id, email, methods, refresh, expires - at);
    }

    /// <summary>The next tokens of the session, or the problem code: <c>invalid_grant</c> for an unknown, spent, expired or revoked token.</summary>
    public async Task<(TokenResponse? Tokens, string? Problem)> RefreshAsync(string? refreshToken, Func<string, string, CancellationToken, Task<bool>> stillAllowed,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(refreshToken) || await FindAsync(RefreshTokens.Hash(refreshToken), cancellationToken) is not { } found)
        {
            return (null, "invalid_grant");
        }

        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        session.LastModifiedBy = "user:" + found.Email;
        if (found.RevokedAt is not null || found.ExpiresAt <= now || found.StartedAt + _options.SessionLifetime <= now)
        {
            return (null, "invalid_grant");
        }

        if (found.SpentAt is not null || !await stillAllowed(found.Domain, found.Email, cancellationToken))
        {
            session.Events.Write(SessionStarted.StreamId(found.SessionId), found.Version,
                [new SessionRevoked(found.SpentAt is not null ? "reuse" : "inactive", now)]);
            await TrySaveAsync(session, cancellationToken);
            return (null, "invalid_grant");
        }

        var next = RefreshTokens.New();
        // A session from before sessions had a start ends a session lifetime after the token's own expiry at the latest.
        var expires = _options.RefreshExpiry(found.StartedAt ?? found.ExpiresAt, now);
        session.Events.Write(SessionStarted.StreamId(found.SessionId), found.Version,
            [new SessionRefreshed(RefreshTokens.Hash(refreshToken), RefreshTokens.Hash(next), expires, now)]);
        // Two uses of one token racing: one wins, the other finds the session moved on and gets nothing.
        return await TrySaveAsync(session, cancellationToken) ? (Response(found.SessionId, found.Email, found.Methods, next, expires - now), null) : (null, "invalid_grant");
    }

    /// <summary>Logout: the session of this refresh token ends; an unknown token is not an error.</summary>
    public async Task RevokeAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(refreshToken) || await FindAsync(RefreshTokens.Hash(refreshToken), cancellationToken) is not { RevokedAt: null } found)
        {
            return;
        }

        await using var session = store.LightweightSession();
        session.LastModifiedBy = "user:" + found.Email;
        session.Events.Write(SessionStarted.StreamId(found.SessionId), found.Version, [new SessionRevoked("logout", clock.GetUtcNow())]);
        await TrySaveAsync(session, cancellationToken);
    }

    /// <summary>
    /// Whether the session goes on: not revoked (logout, reuse, the user let go) and within its lifetime. One lookup by
    /// the session's index; what <c>GET /v1/session</c> answers for the <c>sid</c> of an access token.
    /// </summary>
    public async Task<bool> IsLiveAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"""
            SELECT revoked_at IS NULL AND (started_at IS NULL OR started_at > $2)
            FROM {store.Options.DatabaseSchemaName}.refresh_tokens WHERE session_id = $1 LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = sessionId });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() - _options.SessionLifetime });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private TokenResponse Response(Guid sessionId, string email, IReadOnlyList<string> methods, string refresh, TimeSpan refreshLifetime)
    {
        var access = issuer.Issue(PlatformTokenRequest.EmailUser(email, email) with { AuthenticationMethods = [.. methods], SessionId = sessionId.ToString("N") },
            _options.AccessTokenLifetime);
        return new TokenResponse(access.Token, "Bearer", (int)_options.AccessTokenLifetime.TotalSeconds, refresh, (int)refreshLifetime.TotalSeconds);
    }

    private static async Task<bool> TrySaveAsync(IDocumentSession session, CancellationToken cancellationToken)
    {
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (StoreErrors.IsConcurrencyConflict(e))
        {
            return false;
        }
    }

    private async Task<Found?> FindAsync(string hash, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"""
            SELECT session_id, domain, email, methods, expires_at, spent_at, revoked_at, version, started_at
            FROM {store.Options.DatabaseSchemaName}.refresh_tokens WHERE token_hash = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Found(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8))
            : null;
    }

    private sealed record Found(
        Guid SessionId, string Domain, string Email, string[] Methods, DateTimeOffset ExpiresAt, DateTimeOffset? SpentAt, DateTimeOffset? RevokedAt, long Version,
        DateTimeOffset? StartedAt);
}

using Marten;
using Npgsql;
using Platform.Auth.Links;
using Platform.Auth.Tokens;
using Platform.Outbox.Store;

namespace Platform.Auth.Accounts;

/// <summary>
/// Ends what a user holds: every live refresh-token session is revoked and every open login link voided, in the unit of
/// work that records why. Each is written at the version it was read at, so a refresh or a link login racing the end
/// makes the commit fail and the message is retried rather than one of them slipping through.
/// </summary>
public sealed class AccountSessions(IDocumentStore store, NpgsqlDataSource data)
{
    /// <summary>The user's live sessions and open links at <paramref name="at"/>, each with its stream's version.</summary>
    public async Task<IReadOnlyList<Held>> FindLiveAsync(string domain, string email, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        var held = new List<Held>();
        await using (var command = data.CreateCommand($"""
            SELECT session_id, max(version) FROM {schema}.refresh_tokens
            WHERE domain = $1 AND email = $2 AND revoked_at IS NULL GROUP BY session_id
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = domain });
            command.Parameters.Add(new NpgsqlParameter { Value = email });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                held.Add(new Held(SessionStarted.StreamId(reader.GetGuid(0)), reader.GetInt64(1), null));
            }
        }

        await using (var command = data.CreateCommand($"""
            SELECT request_id, token_hash, version FROM {schema}.login_links
            WHERE domain = $1 AND email = $2 AND used_at IS NULL AND NOT superseded AND expires_at > $3
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = domain });
            command.Parameters.Add(new NpgsqlParameter { Value = email });
            command.Parameters.Add(new NpgsqlParameter { Value = at });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                held.Add(new Held(LoginLinkCreated.StreamId(reader.GetGuid(0)), reader.GetInt64(2), reader.GetString(1)));
            }
        }

        return held;
    }

    /// <summary>Records the end of each of <paramref name="held"/> for <paramref name="reason"/>, at the version it was found at.</summary>
    public static void End(IDocumentSession session, IReadOnlyList<Held> held, string reason, DateTimeOffset at)
    {
        foreach (var h in held)
        {
            session.Events.Write(h.StreamId, h.Version,
                [h.LinkTokenHash is { } hash ? (object)new LoginLinkVoided(hash, reason, at) : new SessionRevoked(reason, at)]);
        }
    }

    /// <summary>A live session (<paramref name="LinkTokenHash"/> null) or open login link, and its stream's version.</summary>
    public sealed record Held(string StreamId, long Version, string? LinkTokenHash);
}

using Npgsql;
using Platform.Auth.Links;
using Platform.Auth.Tokens;
using Platform.EventStore.Sessions;

namespace Platform.Auth.Accounts;

/// <summary>
/// Ends what a user holds: every live refresh-token session is revoked and every open login link voided, in the unit of
/// work that records why. Each is written at the version it was read at, so a refresh or a link login racing the end
/// makes the commit fail and the message is retried rather than one of them slipping through.
/// </summary>
public sealed class AccountSessions(EventStore.EventStore store, NpgsqlDataSource data)
{
    public async Task EndAllAsync(EventSession session, string domain, string email, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var schema = store.Options.Schema;
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
                session.Events.Append(SessionStarted.StreamId(reader.GetGuid(0)), reader.GetInt64(1), new SessionRevoked(reason, at));
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
                session.Events.Append(LoginLinkCreated.StreamId(reader.GetGuid(0)), reader.GetInt64(2), new LoginLinkVoided(reader.GetString(1), reason, at));
            }
        }
    }
}

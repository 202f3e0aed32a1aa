using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.Auth.Accounts;

/// <summary>
/// Each account's folded state and stream version (table <c>accounts</c>), updated in the transaction that appends to
/// the stream: a login reads one row instead of replaying a stream that grows with every login.
/// </summary>
public sealed class AccountsProjection(string schema) : IProjection
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "accounts";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.accounts (
                domain text COLLATE "C" NOT NULL,
                email text COLLATE "C" NOT NULL,
                state jsonb NOT NULL,
                version bigint NOT NULL,
                PRIMARY KEY (domain, email));
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var stream in events.Where(e => e.StreamId.StartsWith("account/", StringComparison.Ordinal)).GroupBy(e => e.StreamId))
        {
            var (domain, email) = AccountStreams.Parse(stream.Key);
            var current = await ReadAsync(connection, domain, email, cancellationToken);
            var state = stream.Aggregate(current, (s, e) => s.Apply(e.Data));
            await using var command = new NpgsqlCommand($"""
                INSERT INTO {schema}.accounts (domain, email, state, version) VALUES ($1, $2, $3, $4)
                ON CONFLICT (domain, email) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = domain });
            command.Parameters.Add(new NpgsqlParameter { Value = email });
            command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(state, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { Value = stream.Last().Version });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.accounts", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<Account> ReadAsync(NpgsqlConnection connection, string domain, string email, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT state::text FROM {schema}.accounts WHERE domain = $1 AND email = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? Read(json) : Account.Initial;
    }

    internal static Account Read(string json) => JsonSerializer.Deserialize<Account>(json, Json) ?? Account.Initial;
}

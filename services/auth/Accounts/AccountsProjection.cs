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

    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        var streams = events.Where(e => e.StreamId.StartsWith("account/", StringComparison.Ordinal)).GroupBy(e => e.StreamId).ToList();
        if (streams.Count == 0)
        {
            return;
        }

        var keys = streams.Select(s => AccountStreams.Parse(s.Key)).ToList();
        var current = await ReadAsync(connection, keys, cancellationToken);
        foreach (var (stream, key) in streams.Zip(keys))
        {
            var state = stream.Aggregate(current.GetValueOrDefault(key, Account.Initial), (s, e) => s.Apply(e.Data));
            writes.Add(BatchCommands.Of($"""
                INSERT INTO {schema}.accounts (domain, email, state, version) VALUES ($1, $2, $3, $4)
                ON CONFLICT (domain, email) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version
                """, key.Domain, key.Email, new NpgsqlParameter { Value = JsonSerializer.Serialize(state, Json), NpgsqlDbType = NpgsqlDbType.Jsonb },
                stream.Last().Version));
        }
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.accounts", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<Dictionary<(string Domain, string Email), Account>> ReadAsync(
        NpgsqlConnection connection, IReadOnlyList<(string Domain, string Email)> keys, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT a.domain, a.email, a.state::text FROM {schema}.accounts a
            JOIN unnest($1::text[], $2::text[]) AS k(domain, email) ON a.domain = k.domain AND a.email = k.email
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Domain).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Email).ToArray() });
        var accounts = new Dictionary<(string, string), Account>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts[(reader.GetString(0), reader.GetString(1))] = Read(reader.GetString(2));
        }

        return accounts;
    }

    internal static Account Read(string json) => JsonSerializer.Deserialize<Account>(json, Json) ?? Account.Initial;
}

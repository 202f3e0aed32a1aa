using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.DirectorySync.Settings;

/// <summary>
/// Which login suffixes each domain claims (table <c>login_suffixes</c>), so that one domain cannot claim a domain
/// served here or a suffix another domain claimed: its directory would otherwise check (and collect) the other
/// domain's logins.
/// </summary>
public sealed class LoginSuffixClaims(NpgsqlDataSource data, EventStore.EventStore store)
{
    /// <summary>
    /// Those of <paramref name="suffixes"/> that <paramref name="domain"/> may not claim: another domain with directory
    /// settings or users here, or a suffix another domain claims.
    /// </summary>
    public async Task<IReadOnlyList<string>> TakenAsync(string domain, IReadOnlyList<string> suffixes, CancellationToken cancellationToken)
    {
        if (suffixes.Count == 0)
        {
            return [];
        }

        var schema = store.Options.Schema;
        await using var command = data.CreateCommand($"""
            SELECT s FROM unnest($2::text[]) AS s
            WHERE s <> $1 AND (
                EXISTS (SELECT 1 FROM {schema}.sync_schedule WHERE domain = s)
                OR EXISTS (SELECT 1 FROM {schema}.registry_users WHERE domain = s)
                OR EXISTS (SELECT 1 FROM {schema}.login_suffixes WHERE domain <> $1 AND s = ANY (suffixes)))
            ORDER BY s
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter { Value = suffixes.ToArray() });
        var taken = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            taken.Add(reader.GetString(0));
        }

        return taken;
    }

    public static IReadOnlyDictionary<string, string[]> Refusal(IReadOnlyList<string> taken) => new Dictionary<string, string[]>
    {
        ["loginSuffixes"] = [$"{string.Join(", ", taken)}: another domain served here, or a suffix another domain claims. A domain claims only its own directory's suffixes."],
    };
}

/// <summary>The table <c>login_suffixes</c>: each configured domain's login suffixes, from its directory settings.</summary>
public sealed class LoginSuffixProjection(string schema) : IProjection
{
    public string Name => "login_suffixes";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"CREATE TABLE IF NOT EXISTS {schema}.login_suffixes (domain text COLLATE \"C\" PRIMARY KEY, suffixes text[] NOT NULL)", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case DirectorySettingsSaved { Settings.LoginSuffixes: { Count: > 0 } suffixes } saved:
                    writes.Add(BatchCommands.Of($"""
                        INSERT INTO {schema}.login_suffixes (domain, suffixes) VALUES ($1, $2)
                        ON CONFLICT (domain) DO UPDATE SET suffixes = EXCLUDED.suffixes
                        """, saved.Domain, suffixes.ToArray()));
                    break;
                case DirectorySettingsSaved saved:
                    writes.Add(BatchCommands.Of($"DELETE FROM {schema}.login_suffixes WHERE domain = $1", saved.Domain));
                    break;
                case DirectorySettingsRemoved removed:
                    writes.Add(BatchCommands.Of($"DELETE FROM {schema}.login_suffixes WHERE domain = $1", removed.Domain));
                    break;
            }
        }

        return Task.CompletedTask;
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.login_suffixes", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

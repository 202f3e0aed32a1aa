using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.Auth.Directories;

/// <summary>
/// Each domain's newest directory settings (table <c>domain_directories</c>): a message carrying an older version
/// than the one kept changes nothing, so redeliveries and reordering are harmless. A removal is kept as a row without
/// settings, so an older save delivered late cannot bring them back.
/// </summary>
public sealed class DomainDirectoriesProjection(string schema) : IProjection
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "domain_directories";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.domain_directories (
                domain text COLLATE "C" PRIMARY KEY,
                version bigint NOT NULL,
                settings jsonb);
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        foreach (var learned in events.Select(e => e.Data).OfType<DirectoryLearned>())
        {
            var command = new NpgsqlBatchCommand($"""
                INSERT INTO {schema}.domain_directories (domain, version, settings) VALUES ($1, $2, $3)
                ON CONFLICT (domain) DO UPDATE SET version = EXCLUDED.version, settings = EXCLUDED.settings
                WHERE {schema}.domain_directories.version < EXCLUDED.version
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = learned.Domain });
            command.Parameters.Add(new NpgsqlParameter { Value = learned.Settings.Version });
            command.Parameters.Add(new NpgsqlParameter
            {
                Value = learned.Settings.Configured ? JsonSerializer.Serialize(learned.Settings, Json) : DBNull.Value,
                NpgsqlDbType = NpgsqlDbType.Jsonb,
            });
            writes.Add(command);
        }

        return Task.CompletedTask;
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.domain_directories", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static DirectorySettingsChanged Read(string json) =>
        JsonSerializer.Deserialize<DirectorySettingsChanged>(json, Json) ?? throw new JsonException("Empty directory settings.");
}

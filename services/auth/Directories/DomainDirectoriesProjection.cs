using System.Text.Json;
using JasperFx.Events;
using Marten;
using Platform.Contracts;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.Auth.Directories;

/// <summary>
/// Each domain's newest directory settings (table <c>domain_directories</c>): a message carrying an older version
/// than the one kept changes nothing, so redeliveries and reordering are harmless. A removal is kept as a row without
/// settings, so an older save delivered late cannot bring them back.
/// </summary>
public sealed class DomainDirectoriesProjection : TableProjection
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override string Name => "domain_directories";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.domain_directories");
        table.AddColumn<string>("domain").AsPrimaryKey();
        table.AddColumn<long>("version").NotNull();
        table.AddColumn("settings", "jsonb");
        yield return table;
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        foreach (var learned in events.Select(e => e.Data).OfType<DirectoryLearned>())
        {
            operations.QueueSqlCommand($"""
                INSERT INTO {schema}.domain_directories (domain, version, settings) VALUES (?, ?, ?::jsonb)
                ON CONFLICT (domain) DO UPDATE SET version = EXCLUDED.version, settings = EXCLUDED.settings
                WHERE {schema}.domain_directories.version < EXCLUDED.version
                """, learned.Domain, learned.Settings.Version,
                learned.Settings.Configured ? JsonSerializer.Serialize(learned.Settings, Json) : (object)DBNull.Value);
        }

        return Task.CompletedTask;
    }

    internal static DirectorySettingsChanged Read(string json) =>
        JsonSerializer.Deserialize<DirectorySettingsChanged>(json, Json) ?? throw new JsonException("Empty directory settings.");
}

using JasperFx.Events;
using Marten;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.DirectorySync.Settings;

/// <summary>The table <c>login_suffixes</c>: each configured domain's login suffixes, from its directory settings.</summary>
public sealed class LoginSuffixProjection : TableProjection
{
    public override string Name => "login_suffixes";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.login_suffixes");
        table.AddColumn<string>("domain").AsPrimaryKey();
        table.AddColumn<string[]>("suffixes").NotNull();
        yield return table;
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case DirectorySettingsSaved { Settings.LoginSuffixes: { Count: > 0 } suffixes } saved:
                    operations.QueueSqlCommand($"""
                        INSERT INTO {schema}.login_suffixes (domain, suffixes) VALUES (?, ?)
                        ON CONFLICT (domain) DO UPDATE SET suffixes = EXCLUDED.suffixes
                        """, saved.Domain, suffixes.ToArray());
                    break;
                case DirectorySettingsSaved saved:
                    operations.QueueSqlCommand($"DELETE FROM {schema}.login_suffixes WHERE domain = ?", saved.Domain);
                    break;
                case DirectorySettingsRemoved removed:
                    operations.QueueSqlCommand($"DELETE FROM {schema}.login_suffixes WHERE domain = ?", removed.Domain);
                    break;
            }
        }

        return Task.CompletedTask;
    }
}

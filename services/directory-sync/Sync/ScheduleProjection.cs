using JasperFx.Events;
using Marten;
using Platform.DirectorySync.Recipients;
using Platform.DirectorySync.Settings;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.DirectorySync.Sync;

/// <summary>Which domains sync on their own and how often (table <c>sync_schedule</c>), from their directory settings.</summary>
public sealed class ScheduleProjection : TableProjection
{
    public override string Name => "sync_schedule";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.sync_schedule");
        table.AddColumn<string>("domain").AsPrimaryKey();
        table.AddColumn<bool>("automatic").NotNull();
        table.AddColumn<int>("interval_minutes").NotNull();
        yield return table;
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        var domains = new List<string>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case DirectorySettingsSaved saved:
                    operations.QueueSqlCommand($"""
                        INSERT INTO {schema}.sync_schedule (domain, automatic, interval_minutes) VALUES (?, ?, ?)
                        ON CONFLICT (domain) DO UPDATE SET automatic = EXCLUDED.automatic, interval_minutes = EXCLUDED.interval_minutes
                        """, saved.Domain, saved.Settings.AutomaticSync, saved.Settings.SyncIntervalMinutes);
                    domains.Add(saved.Domain);
                    break;
                case DirectorySettingsRemoved removed:
                    operations.QueueSqlCommand($"DELETE FROM {schema}.sync_schedule WHERE domain = ?", removed.Domain);
                    domains.Add(removed.Domain);
                    break;
            }
        }

        // Configuring or removing a directory changes where the domain's recipients come from.
        RecipientChanges.Notify(operations, domains);
        return Task.CompletedTask;
    }
}

using Marten;
using Npgsql;

namespace Platform.Reporting.Settings;

/// <summary>Reads and saves a domain's report settings.</summary>
public sealed class ReportingSettingsStore(NpgsqlDataSource data, IDocumentStore store, TimeProvider clock)
{
    /// <summary>The domain's settings, and whether it saved any (else the defaults).</summary>
    public async Task<(ReportingSettings Settings, bool Saved)> GetAsync(string domain, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand(
            $"SELECT {ReportingSettingsProjection.Columns} FROM (SELECT 1) AS one LEFT JOIN {store.Options.DatabaseSchemaName}.domain_reporting d ON d.domain = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (ReportingSettingsProjection.Read(reader, 0), !reader.IsDBNull(0));
    }

    /// <summary>Saves the settings; each save is a new event, the last one counts (no decision to race).</summary>
    public async Task SaveAsync(string domain, ReportingSettings settings, string actor, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.LastModifiedBy = actor;
        session.Events.Append(ReportingSettingsProjection.StreamId(domain), new ReportingSettingsSaved(domain, settings, actor, clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellationToken);
    }
}

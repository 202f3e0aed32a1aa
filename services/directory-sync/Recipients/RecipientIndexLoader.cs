using Marten;
using System.Collections.Frozen;
using Npgsql;
using Platform.DirectorySync.Recipients.Callout;

namespace Platform.DirectorySync.Recipients;

/// <summary>Reads served domains' valid addresses from the read models (<c>directory_users</c>, <c>registry_users</c>).</summary>
public sealed class RecipientIndexLoader(IDocumentStore store, NpgsqlDataSource data)
{
    /// <summary>The channel the read models notify with a domain whose recipients changed.</summary>
    public static string Channel(string schema) => schema + "_recipients";

    public Task<Dictionary<string, DomainRecipients>> LoadAllAsync(CancellationToken cancellationToken) => LoadSomeAsync(null, cancellationToken);

    /// <summary>The domain's addresses, or null when the platform does not serve it.</summary>
    public async Task<DomainRecipients?> LoadAsync(string domain, CancellationToken cancellationToken) =>
        (await LoadSomeAsync(domain, cancellationToken)).GetValueOrDefault(domain);

    private async Task<Dictionary<string, DomainRecipients>> LoadSomeAsync(string? only, CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        // Domains with directory settings saved are those in the sync schedule.
        await using var command = data.CreateCommand($"""
            WITH directory_domains AS (SELECT domain FROM {schema}.sync_schedule WHERE $1::text IS NULL OR domain = $1)
            SELECT u.domain, a.address FROM {schema}.directory_users u
                CROSS JOIN LATERAL unnest(array_prepend(u.email, u.aliases)) AS a(address)
                WHERE u.removed_at IS NULL AND u.domain IN (SELECT domain FROM directory_domains)
            UNION ALL
            SELECT domain, NULL FROM directory_domains
            UNION ALL
            SELECT r.domain, r.email FROM {schema}.registry_users r
                WHERE r.deleted_at IS NULL AND ($1::text IS NULL OR r.domain = $1) AND r.domain NOT IN (SELECT domain FROM directory_domains)
            """);
        // Domains without directory that verify by callout: their mail server decides.
        await using var callouts = data.CreateCommand($"""
            SELECT c.domain, c.host, c.port FROM {schema}.callout_servers c
            WHERE ($1::text IS NULL OR c.domain = $1) AND c.domain NOT IN (SELECT domain FROM {schema}.sync_schedule)
            """);
        callouts.Parameters.Add(new NpgsqlParameter { Value = (object?)only ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var servers = new Dictionary<string, CalloutServer>(StringComparer.Ordinal);
        await using (var reader = await callouts.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                servers[reader.GetString(0)] = new CalloutServer(reader.GetString(1), reader.GetInt32(2));
            }
        }

        command.Parameters.Add(new NpgsqlParameter { Value = (object?)only ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var addresses = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var domain = reader.GetString(0);
                if (!addresses.TryGetValue(domain, out var list))
                {
                    addresses[domain] = list = [];
                }

                if (!reader.IsDBNull(1))
                {
                    list.Add(reader.GetString(1));
                }
            }
        }

        foreach (var domain in servers.Keys.Where(d => !addresses.ContainsKey(d)))
        {
            addresses[domain] = [];
        }

        return addresses.ToDictionary(
            kv => kv.Key, kv => new DomainRecipients(kv.Value.ToFrozenSet(StringComparer.Ordinal), servers.GetValueOrDefault(kv.Key)), StringComparer.Ordinal);
    }
}

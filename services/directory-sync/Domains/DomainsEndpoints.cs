using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.DirectorySync.Settings;
using Platform.Security.Authorization;

namespace Platform.DirectorySync.Domains;

/// <summary>
/// <c>GET /v1/domains</c>, for platform admins only: every domain directory-sync knows (a directory, a sync run, email
/// users or a callout server), with its directory and its last sync run, by name.
/// </summary>
public static class DomainsEndpoints
{
    private const int MaxPage = 500;

    public static IEndpointRouteBuilder MapDomains(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/domains", ListAsync).RequirePlatformAdmin();
        return app;
    }

    private static async Task<Ok<DomainPage>> ListAsync(
        string? after, int? limit, IDocumentStore store, NpgsqlDataSource data, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(limit ?? 100, 1, MaxPage);
        var rows = await RowsAsync(store.Options.DatabaseSchemaName, data, after ?? "", size + 1, cancellationToken);
        var page = rows.Take(size).ToList();
        // The directory's kind and host live in its settings stream (aggregated live, as DomainDirectoryProjection
        // does): the page's streams in one batch.
        await using var session = store.QuerySession();
        var batch = session.CreateBatchQuery();
        var directories = page.Where(r => r.Configured).ToDictionary(r => r.Domain, r => batch.Events.FetchStream(DomainDirectory.StreamId(r.Domain)));
        if (directories.Count > 0)
        {
            await batch.Execute(cancellationToken);
        }

        var domains = new List<DomainSummary>();
        foreach (var row in page)
        {
            var settings = directories.TryGetValue(row.Domain, out var events)
                ? (await events).Select(e => e.Data).OfType<DirectorySettingsEvent>().Aggregate(DomainDirectory.Initial, (d, e) => d.After(e)).Settings
                : null;
            domains.Add(new DomainSummary(row.Domain,
                settings is null ? null : new DirectorySummary(settings.Kind, settings.Host, settings.AutomaticSync, settings.SyncIntervalMinutes),
                row.LastSync, row.Users));
        }

        return TypedResults.Ok(new DomainPage(domains, rows.Count > size ? page[^1].Domain : null));
    }

    private static async Task<List<DomainRow>> RowsAsync(string schema, NpgsqlDataSource data, string after, int limit, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"""
            WITH known AS (
                SELECT domain FROM {schema}.sync_schedule UNION SELECT domain FROM {schema}.sync_runs
                UNION SELECT domain FROM {schema}.registry_users WHERE deleted_at IS NULL UNION SELECT domain FROM {schema}.callout_servers)
            SELECT k.domain, s.domain IS NOT NULL,
                   (SELECT count(*) FROM {schema}.registry_users u WHERE u.domain = k.domain AND u.deleted_at IS NULL),
                   r.run_id, r.trigger, r.status, r.requested_at, r.finished_at, r.error_code
            FROM known k
            LEFT JOIN {schema}.sync_schedule s ON s.domain = k.domain
            LEFT JOIN LATERAL (SELECT run_id, trigger, status, requested_at, finished_at, error_code FROM {schema}.sync_runs x
                WHERE x.domain = k.domain ORDER BY x.requested_at DESC LIMIT 1) r ON true
            WHERE k.domain > $1 ORDER BY k.domain LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var rows = new List<DomainRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var run = reader.IsDBNull(3) ? null : new LastSync(reader.GetGuid(3), reader.GetString(4), reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8));
            rows.Add(new DomainRow(reader.GetString(0), reader.GetBoolean(1), reader.GetInt64(2), run));
        }

        return rows;
    }

    private sealed record DomainRow(string Domain, bool Configured, long Users, LastSync? LastSync);
}

/// <summary>A page of domains by name; <see cref="NextAfter"/> continues the listing (null at the end).</summary>
public sealed record DomainPage(IReadOnlyList<DomainSummary> Domains, string? NextAfter);

/// <summary>A domain: its directory (null when none is configured), its last sync run (null when none) and how many email users it lists.</summary>
public sealed record DomainSummary(string Domain, DirectorySummary? Directory, LastSync? LastSync, long Users);

/// <summary>The kind and host of a domain's directory, and whether it syncs on its own.</summary>
public sealed record DirectorySummary(string Kind, string Host, bool AutomaticSync, int SyncIntervalMinutes);

/// <summary>A domain's latest sync run: queued, running, completed or failed (with its error class).</summary>
public sealed record LastSync(Guid RunId, string Trigger, string Status, DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt, string? ErrorCode);

using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Security;

namespace Platform.DirectorySync.Testing;

/// <summary>One recorded connection test as <c>GET .../directory/tests</c> shows it.</summary>
public sealed record ConnectionTestRunView(
    Guid TestId, string TestedBy, DateTimeOffset TestedAt, string Source, string Host, int Port, string Security, string? FailoverHost,
    string Result, string? Code, string? FailoverResult, string? FailoverCode);

/// <summary>
/// <c>GET /v1/domains/{domain}/directory/tests</c>: the domain's connection tests, newest first, beside the sync
/// history (<c>.../directory/syncs</c>); <c>limit</c> and <c>before</c> page like it.
/// </summary>
public static class ConnectionTestHistory
{
    private const int MaxPage = 500;

    public static RouteGroupBuilder MapDirectoryTestHistory(this RouteGroupBuilder domain)
    {
        domain.MapGet("/directory/tests", ListAsync);
        return domain;
    }

    private static async Task<Ok<IReadOnlyList<ConnectionTestRunView>>> ListAsync(
        string domain, int? limit, DateTimeOffset? before, NpgsqlDataSource data, IDocumentStore store, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"""
            SELECT test_id, tested_by, tested_at, source, host, port, security, failover_host, result, code, failover_result, failover_code
            FROM {store.Options.DatabaseSchemaName}.connection_tests WHERE domain = $1 AND ($2::timestamptz IS NULL OR tested_at < $2)
            ORDER BY tested_at DESC LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = DomainNames.Normalize(domain)! });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Clamp(limit ?? 50, 1, MaxPage) });
        var tests = new List<ConnectionTestRunView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            tests.Add(new ConnectionTestRunView(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3),
                reader.GetString(4), reader.GetInt32(5), reader.GetString(6), Text(7), reader.GetString(8), Text(9), Text(10), Text(11)));
        }

        return TypedResults.Ok<IReadOnlyList<ConnectionTestRunView>>(tests);
    }
}

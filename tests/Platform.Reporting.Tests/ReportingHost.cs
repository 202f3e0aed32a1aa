using System.Text.Json.Nodes;
using Npgsql;
using Platform.Testing;

namespace Platform.Reporting.Tests;

/// <summary>What the reporting service under test committed, read straight from its schema.</summary>
internal static class ReportingHost
{
    public static Task<List<JsonNode>> OutboxAsync(this ServiceHost<Program> host, string type) =>
        OutboxMessages.ReadAsync(host.ConnectionString, "reporting", type);

    public static async Task<long> CountAsync(this ServiceHost<Program> host, string sql, params object[] values)
    {
        await using var data = NpgsqlDataSource.Create(host.ConnectionString);
        await using var command = data.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static JsonObject Spam(string domain, string email, string quarantineId) => RawRabbitMq.SpamQuarantined(domain, email, quarantineId);
}

using System.Text.Json.Nodes;
using Npgsql;

namespace Platform.Testing;

/// <summary>What a service committed to its outbox: the messages it will publish (or has), as JSON.</summary>
public static class OutboxMessages
{
    /// <summary>The bodies of the outbox messages of one contract type, in outbox order.</summary>
    public static async Task<List<JsonNode>> ReadAsync(string connectionString, string schema, string type)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var command = data.CreateCommand($"SELECT body::text FROM {schema}.outbox WHERE message_type = $1 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = "Platform.Contracts." + type });
        var messages = new List<JsonNode>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            messages.Add(JsonNode.Parse(reader.GetString(0))!);
        }

        return messages;
    }

    /// <summary>The W3C trace context each outbox message of one contract type was written in (null: none), in outbox order.</summary>
    public static async Task<List<string?>> TraceParentsAsync(string connectionString, string schema, string type)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var command = data.CreateCommand($"SELECT traceparent FROM {schema}.outbox WHERE message_type = $1 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = "Platform.Contracts." + type });
        var traceParents = new List<string?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            traceParents.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return traceParents;
    }
}
